/// Lines that sit inside an article's containers without being its text, found by what they say once the
/// body is chosen: photo credits, source and date lines, reading times, one-word widgets, advertising and
/// opinion notices at the top or bottom, and the heading of the page part that follows an article ("About
/// the author", "Related articles", "Auch interessant"), which ends it. Trafilatura trims the same kinds of lines (Barbaresi, "Trafilatura: A Web Scraping Library and
/// Command-Line Tool for Text Discovery and Extraction", ACL 2021 System Demonstrations).
///
/// The phrases cover English, German, French, Spanish, Polish, Portuguese and Russian pages.
///
/// - Complexity: O(c) in the characters of the blocks.
enum Boilerplate {
    /// The blocks without boilerplate lines, cut at the first closing heading in their second half.
    static func trimmed(_ blocks: [Article.Block]) -> [Article.Block] {
        var kept: [Article.Block] = []
        kept.reserveCapacity(blocks.count)
        for (index, block) in blocks.enumerated() {
            // Lowercasing never shortens a text, so a long block is text without looking further.
            guard block.text.unicodeScalars.count < 300 else {
                kept.append(block)
                continue
            }
            let key = block.text.lowercased()
            let length = key.unicodeScalars.count
            if index >= max(1, blocks.count / 2) && length < 80 && closesArticle(key) { break }
            let bytes = Array(key.utf8)
            if length < 300 && (isCredit(bytes) || (index < 2 || index >= blocks.count - 3) && isDisclosure(bytes)) {
                continue
            }
            if length < 150 && sourceLabels.contains(where: { key.hasPrefix($0) }) { continue }
            if length < 80 && (isDateLine(key) || isReadingTime(key) || isWidget(key)) { continue }
            kept.append(block)
        }
        return kept
    }

    /// Whether a lowercased line names the page part after the article: one of ``closingPhrases`` with at
    /// most 40 more characters, and not a sentence ("Comments by the mayor drew criticism." is text).
    static func closesArticle(_ key: String) -> Bool {
        if let last = key.lastIndex(where: { !$0.isWhitespace }), key[last] == ".", last > key.startIndex,
            key[key.index(before: last)].isLetter
        {
            return false
        }
        let line = trimmedLine(key)
        return closingPhrases.contains { startsWithWord(line, $0) && line.count <= $0.count + 40 }
    }

    /// Whether a lowercased line (as UTF-8) carries a photo credit or a copyright mark.
    static func isCredit(_ key: [UInt8]) -> Bool {
        creditMarkers.contains { contains(key, $0, atWordStart: true) }
    }

    /// Whether a lowercased line (as UTF-8) is an advertising, affiliate, opinion or copyright notice. The
    /// markers are phrases of notices, not words that news is written with ("advertising", "sponsored by").
    static func isDisclosure(_ key: [UInt8]) -> Bool {
        disclosureMarkers.contains { contains(key, $0, atWordStart: false) }
    }

    /// Whether a lowercased line is a date label ("Aktualisiert: 11.04.2020, 10:27", "Published 3 May")
    /// rather than a sentence: a label word opens it, and it has no question or exclamation mark and no
    /// full stop after a letter ("2. Februar" is a date, "am Montag. Dann" two sentences).
    static func isDateLine(_ key: String) -> Bool {
        guard dateLabels.contains(where: { startsWithWord(key, $0) }) else { return false }
        var previous: Character = " "
        for character in key {
            if character == "!" || character == "?" { return false }
            if character == "." && previous.isLetter { return false }
            previous = character
        }
        return true
    }

    /// Whether a lowercased line is a reading time ("4 min read", "3 Minuten Lesezeit").
    static func isReadingTime(_ key: String) -> Bool {
        let words = key.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" })
        guard (2...4).contains(words.count), words[0].allSatisfy(\.isNumber) else { return false }
        return ["min", "min.", "minute", "minutes", "minuten", "minuty", "минуты", "минут", "mins"].contains(
            String(words[1])) && (words.count == 2 || readingWords.contains(String(words[2...].joined(separator: " "))))
    }

    /// Whether a short lowercased line is one of ``widgetLines``: a one-word widget alone, or a longer
    /// phrase with at most 25 more characters ("Gefällt mir Wird geladen...").
    static func isWidget(_ key: String) -> Bool {
        let line = trimmedLine(key)
        return widgetLines.contains { phrase in
            phrase.contains(" ") ? startsWithWord(line, phrase) && line.count <= phrase.count + 25 : line == phrase
        }
    }

    /// The line without the spaces and punctuation around it.
    static func trimmedLine(_ key: String) -> Substring {
        let edge: (Character) -> Bool = { $0.isWhitespace || ":!?.…".contains($0) }
        guard let first = key.firstIndex(where: { !edge($0) }), let last = key.lastIndex(where: { !edge($0) })
        else { return "" }
        return key[first...last]
    }

    /// Whether `text` starts with `phrase` followed by the end or a character that is not a letter.
    static func startsWithWord(_ text: some StringProtocol, _ phrase: String) -> Bool {
        guard text.hasPrefix(phrase) else { return false }
        let rest = text.dropFirst(phrase.count)
        return rest.first.map { !$0.isLetter } ?? true
    }

    /// Whether `marker` occurs in `text` (UTF-8), when `atWordStart` with no ASCII letter just before it:
    /// "foto:" in "Foto: dpa" but not in "Titelfoto:".
    static func contains(_ text: [UInt8], _ marker: [UInt8], atWordStart: Bool) -> Bool {
        var start = text.startIndex
        while let i = ByteSearch.firstIndex(of: marker, in: text[start...]) {
            let before = i > 0 ? text[i - 1] | 0x20 : 0
            if !atWordStart || !(before >= 0x61 && before <= 0x7A) { return true }
            start = i + 1
        }
        return false
    }

    static let closingPhrases: [String] = [
        "über den autor", "über die autorin", "zum autor", "zur autorin", "about the author", "about the authors",
        "auch interessant", "das könnte dich auch interessieren", "das könnte sie auch interessieren",
        "das thema könnte dich auch interessieren", "mehr zum thema", "mehr themen", "mehr dazu", "weitere artikel",
        "ähnliche beiträge", "ähnliche artikel", "verwandte artikel", "related", "related articles",
        "related stories", "related posts", "related content", "you may also like", "you might also like",
        "read more", "recommended", "explore further", "schon gelesen", "lesen sie auch",
        "weiterlesen", "vorschau auf den nächsten artikel", "kommentare", "kommentar verfassen", "comments",
        "leave a reply", "leave a comment", "share this", "share this article", "seite teilen", "artikel teilen",
        "teilen", "gefällt mir", "newsletter", "artículos relacionados", "articulos relacionados",
        "noticias relacionadas", "te puede interesar", "lire aussi", "à lire aussi", "sur le même sujet",
        "czytaj też", "czytaj także", "zobacz też", "zobacz także", "leia também", "читайте также",
        "читать также", "похожие статьи", "комментарии",
    ]

    static let creditMarkers: [[UInt8]] = [
        "©", "(c) ", "foto:", "fotos:", "bild:", "bilder:", "photo:", "photos:", "photograph:", "picture:", "credit:",
        "crédito", "crédit photo", "crédits photo", "getty images", "imago images", "picture-alliance",
        "picture alliance", "istock", "shutterstock", "stock.adobe", "reuters/", "afp/", "ap photo", "titelbild:",
        "beitragsbild:", "fotografia:", "fot.", "фото:",
    ].map { Array($0.utf8) }

    /// Advertising, affiliate, opinion and copyright notices: "This post contains references to products
    /// from our advertisers", "*Werbung", "Les opinions exprimées ... n'engagent que leurs auteurs".
    static let disclosureMarkers: [[UInt8]] = [
        "affiliate link", "affiliate-link", "provision vom", "enthält werbung", "*werbung", "of our advertisers",
        "from our advertisers", "advertising disclaimer", "sponsored content", "sponsored post", "opinions expressed",
        "opinions exprimées", "meinung des autors", "meinung der autorin", "prawem autorskim", "all rights reserved",
        "alle rechte vorbehalten", "todos los derechos reservados", "tous droits réservés", "receive compensation",
        "earn a commission",
    ].map { Array($0.utf8) }

    static let sourceLabels: [String] = [
        "quelle:", "quellen:", "source:", "sources:", "fuente:", "fuentes:", "źródło:", "источник:",
    ]

    static let dateLabels: [String] = [
        "aktualisiert", "zuletzt aktualisiert", "publiziert", "veröffentlicht", "veröffentlichung", "erstellt",
        "eingestellt", "verfasst", "updated", "last updated", "published", "posted", "release date", "news date",
        "datum:", "stand:", "actualizado", "publicado", "mis à jour", "publié", "opublikowano", "aktualizacja",
        "опубликовано", "обновлено",
    ]

    static let readingWords: Set<String> = ["read", "lesezeit", "lesen", "de lecture", "lectura", "czytania", "чтения"]

    static let widgetLines: [String] = [
        "wird geladen", "gefällt mir", "kommentar schreiben", "kommentare schreiben", "kontakt", "quellen ausblenden",
        "reklama", "anzeige", "werbung", "advertisement", "inhaltsverzeichnis", "pdf", "drucken", "print", "e-mail",
        "email", "teilen", "share", "tweet", "permalink", "permalien", "explore further", "schon gelesen",
    ]
}
