extension Language {
    /// English: Snowball's English (Porter2) stemmer, function words, and the abbreviations of news
    /// prose (titles, corporate suffixes, months, US states' AP forms).
    public static let english = Language(
        code: "en", name: "english", stemmer: "english",
        stopwords: Set(
            """
            a about above across after afterwards again against all almost alone along already also although
            always am among amongst an and another any anybody anyhow anyone anything anyway anywhere are
            around as at back be became because become becomes been before beforehand behind being below
            beside besides between beyond both but by can cannot could did do does doing done down during
            each either else elsewhere enough even ever every everybody everyone everything everywhere few
            for former formerly from further had has have having he hence her here hereby herein hers
            herself him himself his how however i if in indeed instead into is it its itself just last
            latter least less let like many may me meanwhile might mine more moreover most mostly much must
            my myself neither never nevertheless next no nobody none noone nor not nothing now nowhere of
            off often on once one only onto or other others otherwise our ours ourselves out over own per
            perhaps please quite rather really same several she should since so some somebody somehow
            someone something sometime sometimes somewhere still such than that the their theirs them
            themselves then thence there thereafter thereby therefore therein these they this those though
            through throughout thus to together too toward towards under unless until up upon us very via
            was we well were what whatever when whence whenever where whereas whereby wherever whether which
            while whither who whoever whole whom whose why will with within without would yet you your yours
            yourself yourselves s t don didn doesn isn wasn weren won wouldn couldn shouldn hasn haven hadn
            aren ain ll ve re d m o y said says say also mr mrs ms
            """.wordsOfList),
        segmentation: SegmentationRules(
            titles: [
                "mr", "mrs", "ms", "messrs", "mmes", "dr", "drs", "prof", "profs", "gen", "lt", "col", "maj",
                "capt", "cpt", "cmdr", "adm", "sgt", "cpl", "pvt", "brig", "sen", "sens", "rep", "reps", "gov",
                "govs", "pres", "supt", "rev", "fr", "hon", "atty", "insp", "det", "lieut", "gens",
                "amb", "mssrs", "spc", "pfc", "sfc", "ssgt", "msgt", "cdr", "lcdr", "ens", "cmdt", "pte", "lcpl",
            ],
            beforeNumbers: [
                "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "ch", "chap", "sec", "art", "para",
                "tel", "ph", "ext", "ed", "eds", "approx", "nr", "num", "pt", "pts", "rt", "hwy", "rte", "op",
            ],
            abbreviations: [
                "jr", "sr", "st", "ste", "mt", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "assn", "dept", "univ",
                "gov't", "govt",
                "etc", "al", "vs", "v", "cf", "viz", "approx", "est", "ave", "blvd", "rd", "hwy", "sq",
                "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                "mon", "tue", "tues", "thu", "thur", "thurs", "fri", "sat",
                "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans",
                "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore",
                "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
                "min", "max", "mins", "hrs", "yr", "yrs", "mos", "oz", "lb", "lbs", "ft", "in", "mi", "km",
                "dist", "intl", "natl", "dep", "admin", "mgr", "asst", "assoc", "ca", "c", "e", "n", "w",
            ],
            openers: [
                "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
                "those", "there", "but", "and", "so", "in", "on", "at", "for", "if", "when", "while", "after",
                "as", "his", "her", "its", "their", "our", "my", "some", "many", "most", "no", "one", "two",
                "what", "why", "how", "who", "still", "yet", "then", "now", "today", "yesterday", "however",
                "meanwhile", "also", "officials", "police", "both", "each", "all", "more", "last",
            ],
            unpunctuatedOpeners: ["the", "an", "he", "she", "they", "we", "his", "her", "their"]),
        widgetPhrases: [
            "no time to read", "get a summary", "previous article", "next article", "previous post",
            "next post", "previous story", "next story", "read more", "read next", "read also", "see also",
            "related articles", "related stories", "related posts", "more stories", "recommended for you",
            "you may also like", "you might also like", "share this", "share on", "share article",
            "tweet", "email this", "print this", "subscribe", "sign up", "newsletter", "follow us",
            "advertisement", "sponsored", "comments", "leave a comment", "skip to content", "back to top",
            "most popular", "most read", "trending", "click here", "continue reading", "listen to this article",
        ])
}
