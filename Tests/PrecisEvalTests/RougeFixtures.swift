import Testing

@testable import PrecisEval

/// Expected scores from Google's rouge-score 0.1.2 (stemming on) and NLTK's PorterStemmer on texts and
/// words written for Precis; regenerate with `.venv-eval/bin/python scripts/rouge-fixtures.py`.
enum RougeFixtures {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let reference: String
        let candidate: String
        /// (precision, recall, F1) of ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum.
        let expected: [(Double, Double, Double)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "identical", reference: "The cat sat on the mat.", candidate: "The cat sat on the mat.",
            expected: [(1.0, 1.0, 1.0), (1.0, 1.0, 1.0), (1.0, 1.0, 1.0), (1.0, 1.0, 1.0)]),
        Case(
            name: "disjoint", reference: "Apples are red.", candidate: "Quantum computers use qubits.",
            expected: [(0.0, 0.0, 0.0), (0.0, 0.0, 0.0), (0.0, 0.0, 0.0), (0.0, 0.0, 0.0)]),
        Case(
            name: "stemming", reference: "The runners were running in the races yesterday.",
            candidate: "A runner runs races daily.",
            expected: [
                (0.6, 0.375, 0.4615384615384615), (0.0, 0.0, 0.0), (0.6, 0.375, 0.4615384615384615),
                (0.6, 0.375, 0.4615384615384615),
            ]),
        Case(
            name: "two sentences", reference: "The council approved the bridge.\nIt will open in 2031.",
            candidate: "The bridge was approved by the council and opens in 2031.",
            expected: [
                (0.7272727272727273, 0.8, 0.761904761904762), (0.4, 0.4444444444444444, 0.4210526315789474),
                (0.5454545454545454, 0.6, 0.5714285714285713), (0.5454545454545454, 0.6, 0.5714285714285713),
            ]),
        Case(
            name: "lsum union", reference: "police arrested two men on friday\nthe men were charged with theft",
            candidate: "two men were arrested by police\nthey were charged on friday with theft",
            expected: [
                (0.7692307692307693, 0.8333333333333334, 0.8),
                (0.4166666666666667, 0.45454545454545453, 0.43478260869565216),
                (0.46153846153846156, 0.5, 0.48000000000000004), (0.6153846153846154, 0.6666666666666666, 0.64),
            ]),
        Case(
            name: "punctuation and case", reference: "U.S. stocks FELL 3.5% -- the worst day since 2020!",
            candidate: "us stocks fell 3 5 percent, worst day since 2020",
            expected: [
                (0.8, 0.7272727272727273, 0.761904761904762), (0.6666666666666666, 0.6, 0.631578947368421),
                (0.8, 0.7272727272727273, 0.761904761904762), (0.8, 0.7272727272727273, 0.761904761904762),
            ]),
        Case(
            name: "unicode", reference: "Café owners in Zürich protest İstanbul's new rules",
            candidate: "cafe owners zurich protest istanbul rules",
            expected: [
                (0.5, 0.2727272727272727, 0.3529411764705882), (0.0, 0.0, 0.0),
                (0.5, 0.2727272727272727, 0.3529411764705882), (0.5, 0.2727272727272727, 0.3529411764705882),
            ]),
        Case(
            name: "repeated tokens", reference: "the the the cat cat", candidate: "the cat the cat the",
            expected: [(1.0, 1.0, 1.0), (0.25, 0.25, 0.25), (0.6, 0.6, 0.6), (0.6, 0.6, 0.6)]),
        Case(
            name: "empty candidate", reference: "Something happened today.", candidate: "",
            expected: [(0.0, 0.0, 0.0), (0.0, 0.0, 0.0), (0, 0, 0), (0, 0, 0)]),
        Case(
            name: "short tokens", reference: "a an it is of to be", candidate: "it is to be an a of",
            expected: [
                (1.0, 1.0, 1.0), (0.3333333333333333, 0.3333333333333333, 0.3333333333333333),
                (0.5714285714285714, 0.5714285714285714, 0.5714285714285714),
                (0.5714285714285714, 0.5714285714285714, 0.5714285714285714),
            ]),
    ]
    static let stems: [(String, String)] = [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("ties", "tie"),
        ("caress", "caress"),
        ("cats", "cat"),
        ("feed", "feed"),
        ("agreed", "agre"),
        ("plastered", "plaster"),
        ("bled", "bled"),
        ("motoring", "motor"),
        ("sing", "sing"),
        ("conflated", "conflat"),
        ("troubled", "troubl"),
        ("sized", "size"),
        ("hopping", "hop"),
        ("tanned", "tan"),
        ("falling", "fall"),
        ("hissing", "hiss"),
        ("fizzed", "fizz"),
        ("failing", "fail"),
        ("filing", "file"),
        ("happy", "happi"),
        ("sky", "sky"),
        ("skies", "sky"),
        ("dying", "die"),
        ("lying", "lie"),
        ("news", "news"),
        ("innings", "inning"),
        ("proceed", "proceed"),
        ("relational", "relat"),
        ("conditional", "condit"),
        ("rational", "ration"),
        ("valenci", "valenc"),
        ("hesitanci", "hesit"),
        ("digitizer", "digit"),
        ("conformabli", "conform"),
        ("radicalli", "radic"),
        ("differentli", "differ"),
        ("vileli", "vile"),
        ("analogousli", "analog"),
        ("vietnamization", "vietnam"),
        ("predication", "predic"),
        ("operator", "oper"),
        ("feudalism", "feudal"),
        ("decisiveness", "decis"),
        ("hopefulness", "hope"),
        ("callousness", "callous"),
        ("formaliti", "formal"),
        ("sensitiviti", "sensit"),
        ("sensibiliti", "sensibl"),
        ("triplicate", "triplic"),
        ("formative", "form"),
        ("formalize", "formal"),
        ("electriciti", "electr"),
        ("electrical", "electr"),
        ("hopeful", "hope"),
        ("goodness", "good"),
        ("revival", "reviv"),
        ("allowance", "allow"),
        ("inference", "infer"),
        ("airliner", "airlin"),
        ("gyroscopic", "gyroscop"),
        ("adjustable", "adjust"),
        ("defensible", "defens"),
        ("irritant", "irrit"),
        ("replacement", "replac"),
        ("adjustment", "adjust"),
        ("dependent", "depend"),
        ("adoption", "adopt"),
        ("homologou", "homolog"),
        ("communism", "commun"),
        ("activate", "activ"),
        ("angulariti", "angular"),
        ("homologous", "homolog"),
        ("effective", "effect"),
        ("bowdlerize", "bowdler"),
        ("probate", "probat"),
        ("rate", "rate"),
        ("cease", "ceas"),
        ("controll", "control"),
        ("roll", "roll"),
        ("generalization", "gener"),
        ("oscillators", "oscil"),
        ("died", "die"),
        ("spied", "spi"),
        ("flies", "fli"),
        ("dies", "die"),
        ("agreement", "agreement"),
        ("universities", "univers"),
        ("generously", "gener"),
        ("hopefully", "hope"),
        ("analogies", "analog"),
        ("geology", "geolog"),
        ("archaeology", "archaeolog"),
        ("beautifully", "beauti"),
        ("fully", "fulli"),
        ("carefully", "care"),
        ("xylophone", "xylophon"),
        ("syzygy", "syzygi"),
        ("yelling", "yell"),
        ("queuing", "queu"),
        ("2020s", "2020"),
        ("abc123", "abc123"),
        ("y", "y"),
        ("yy", "yy"),
        ("ayy", "ayi"),
    ]
}
