"""Prints the expected scores in Tests/PrecisEvalTests/RougeFixtures.swift from rouge-score 0.1.2.

Run with the venv that scripts/rouge-parity makes:  .venv-eval/bin/python scripts/rouge-fixtures.py
The texts are Precis's own, written for these tests.
"""
import json

from nltk.stem import porter
from rouge_score import rouge_scorer

CASES = [
    ("identical", "The cat sat on the mat.", "The cat sat on the mat."),
    ("disjoint", "Apples are red.", "Quantum computers use qubits."),
    ("stemming", "The runners were running in the races yesterday.", "A runner runs races daily."),
    ("two sentences", "The council approved the bridge.\nIt will open in 2031.", "The bridge was approved by the council and opens in 2031."),
    ("lsum union", "police arrested two men on friday\nthe men were charged with theft", "two men were arrested by police\nthey were charged on friday with theft"),
    ("punctuation and case", "U.S. stocks FELL 3.5% -- the worst day since 2020!", "us stocks fell 3 5 percent, worst day since 2020"),
    ("unicode", "Café owners in Zürich protest İstanbul's new rules", "cafe owners zurich protest istanbul rules"),
    ("repeated tokens", "the the the cat cat", "the cat the cat the"),
    ("empty candidate", "Something happened today.", ""),
    ("short tokens", "a an it is of to be", "it is to be an a of"),
]
WORDS = ("caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping "
         "tanned falling hissing fizzed failing filing happy sky skies dying lying news innings proceed relational "
         "conditional rational valenci hesitanci digitizer conformabli radicalli differentli vileli analogousli "
         "vietnamization predication operator feudalism decisiveness hopefulness callousness formaliti sensitiviti "
         "sensibiliti triplicate formative formalize electriciti electrical hopeful goodness revival allowance "
         "inference airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption "
         "homologou communism activate angulariti homologous effective bowdlerize probate rate cease controll roll "
         "generalization oscillators died spied flies dies agreement universities generously hopefully analogies "
         "geology archaeology beautifully fully carefully xylophone syzygy yelling queuing 2020s abc123 y yy ayy").split()

scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
print("    static let cases: [Case] = [")
for name, ref, cand in CASES:
    s = scorer.score(ref, cand)
    vals = ", ".join(f"({s[k].precision!r}, {s[k].recall!r}, {s[k].fmeasure!r})" for k in ("rouge1", "rouge2", "rougeL", "rougeLsum"))
    print(f"        Case(name: {json.dumps(name)}, reference: {json.dumps(ref, ensure_ascii=False)}, "
          f"candidate: {json.dumps(cand, ensure_ascii=False)}, expected: [{vals}]),")
print("    ]")
stemmer = porter.PorterStemmer()
print("    static let stems: [(String, String)] = [")
for w in WORDS:
    print(f'        ("{w}", "{stemmer.stem(w)}"),')
print("    ]")
