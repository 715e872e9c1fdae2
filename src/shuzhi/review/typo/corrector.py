"""Noisy-channel correction of single characters: is a confusable character more probable than the one written?

For each run of Han characters the best segmentation under jieba's unigram word model is computed. Each
character not inside a frequent word is a suspect; its confusable characters (same sound, near sound,
similar shape) are looked up in an index of dictionary words with one character left out, so only the
candidates that form a word with their neighbours are ever considered. A candidate is then scored by how
much it raises the log-probability of the best segmentation of the window around it, less the cost of its
kind of confusion (the channel prior). A correction is kept when that gain passes a threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from .cache import make_room
from .confusion import NEAR_SOUND, SAME_SOUND, SAME_TONE, SHAPE, Confusions, common_chars, confusions
from .lexicon import Lexicon, best_segmentation, lexicon

HOLE = "?"


@dataclass(frozen=True)
class Settings:
    """Thresholds of the corrector; tuned on the even lines of ECSpell-odw only (benchmarks/csc_eval.py)."""

    skip_freq: int = 1000
    fluent_freq: int = 20000  # a single character at least this frequent, between frequent words, is no suspect
    word_freq: int = 20  # a candidate must form a dictionary word at least this frequent
    # An input method offers the 3,500 commonest characters first (as many as the first level of the 通用规范
    # 汉字表): a rarer one written alone is meant (庆祝大会暨表彰大会), or mistaken for one that looks like it, not
    # typed by sound (on ECSpell-odw: F1 -0.007, a seventh fewer findings on the right sentences). Whole words
    # typed by sound are still looked for: 嗨关 for 海关 happens.
    typed_chars: int = 3500
    # ... and needs this much more gain: a rare character written is far more often a name, a term or an idiom (三炷香,
    # 顽瘴痼疾, 六价铬) than a slip (ECSpell-odw even lines, 5 to 9 alike: F1 +0.004, findings on the right
    # sentences 2.0 -> 0.57 per 10,000 characters). Sparing the ones read exactly like their correction (钮带 for
    # 纽带) keeps twice as many of those findings for no gain in F1; TY002 lists the well-known ones.
    rare_extra: float = 6.0
    window: int = 4  # characters of context each side when rescoring (5 gives the same corrections on ECSpell-odw, 15% slower)
    max_len: int = 4  # longest dictionary word a candidate is looked up in
    threshold: float = 6.0  # log-probability gain needed, after the channel cost
    piece_cost: float = 0.0  # word-insertion penalty of the segmentation model
    margin: float = 5.0  # how far below the threshold the cheap estimate may be and still be rescored (4: F1 -0.006)
    costs: dict = field(default_factory=lambda: {SAME_TONE: 1.0, SAME_SOUND: 2.5, NEAR_SOUND: 4.5, SHAPE: 4.0})
    # Whole words typed by sound (领导小组悔意 for 会议, 整改错失 for 措施: what a pinyin input method picks wrong).
    word_threshold: float | None = None  # gain a same-sound word needs; None: not looked for
    # Channel cost of a same-sound word per character it changes (2.5 against 3: ECSpell-odw even lines F1 +0.013,
    # the same false alarms, with the models of 2026-12). Counting the wrong pick of the input method once (a cost
    # of 3 plus 0 or 1 per further character) finds a few more on ECSpell and more false alarms.
    word_cost: float = 2.5
    # A same-sound word is rescored only when, less its channel cost, it is at most this much less probable than
    # what is written, context aside (0: F1 -0.008 on the even lines).
    word_floor: float = -1.0
    # A rarer one, down to this much less probable, only where it makes a longer dictionary word with the text next
    # to it (党建树脂评议 -> 述职评议, 营业支招 -> 营业执照, 机构贬值 -> 机构编制: the word written is the commoner one).
    # ECSpell-odw even lines: F1 +0.02 at the same false alarms; rescoring every such candidate (no word needed)
    # finds the same and halves the speed on new text.
    rare_floor: float | None = -7.0
    homophone_freq: int = 50  # a same-sound word must be at least this frequent


@dataclass(frozen=True)
class Correction:
    start: int  # offset in the text given to correct()
    written: str  # one character, or the changed part of a word typed by sound
    suggested: str  # as long as `written`
    kind: str  # confusion kind (confusion.SAME_TONE ...)
    gain: float  # log-probability gain less the channel cost
    word: str  # the dictionary word the suggestion forms

    @property
    def confidence(self) -> float:
        """A monotone map of the gain to (0, 1), fitted (maximum likelihood) to the share of right suggestions on
        the even lines of ECSpell-odw with the shipped models (benchmarks/csc_eval.py): about 0.69 at a gain of 8,
        0.85 at 11, 0.97 at 17."""
        return 1 / (1 + math.exp(-(self.gain - 5.3) / 3.4))


@lru_cache(maxsize=4)
def hole_index(min_freq: int) -> dict[str, frozenset[str]]:
    """'数?' -> the characters that complete it into a dictionary word of two to four characters."""
    from .cache import cached

    lex = lexicon()
    # The lexicon's stamp stands for its sources, which lexicon() has already checked.
    inputs = [min_freq, lex.stamp]
    return cached("holes", inputs, lambda: _build_holes(min_freq))


def _build_holes(min_freq: int) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for w, f in lexicon().freq.items():
        if 2 <= len(w) <= 4 and f >= min_freq:
            for i in range(len(w)):
                index.setdefault(w[:i] + HOLE + w[i + 1 :], set()).add(w[i])
    return {k: frozenset(v) for k, v in index.items()}


NO_READING = "?"  # a character pypinyin has no reading for: no key with it is in the index


class Homophones:
    """Words of two to four characters by their toneless pinyin ('hui yi' -> 会议, 悔意 ...)."""

    def __init__(self, words: dict[str, tuple[str, ...]], chars: dict[str, str], phrases: dict[str, str]):
        self.words = words
        self.chars = chars  # character -> its usual reading, toneless
        self.phrases = phrases  # word -> its reading, where it is not its characters' usual ones (银行 yin hang)

    def readings(self, text: str) -> list[str]:
        """Each character's usual reading (NO_READING where it has none)."""
        chars = self.chars
        return [chars.get(ch, NO_READING) for ch in text]

    def key(self, word: str, readings: list[str] | None = None) -> str:
        """The toneless pinyin of a word; `readings` are its characters', when the caller has them already."""
        return self.phrases.get(word) or " ".join(self.readings(word) if readings is None else readings)

    def of(self, word: str) -> tuple[str, ...]:
        return self.words.get(self.key(word), ())


@lru_cache(maxsize=2)
def homophones(min_freq: int) -> Homophones:
    """The dictionary words at least min_freq frequent by their sound, kept in the disk cache."""
    import pypinyin

    from .cache import cached

    lex = lexicon()
    inputs = [min_freq, lex.stamp, pypinyin.__version__]
    return Homophones(*cached("sounds", inputs, lambda: _build_homophones(min_freq)))


def _build_homophones(min_freq: int):
    from pypinyin.phrases_dict import phrases_dict

    from .confusion import split_tone

    lex, conf = lexicon(), confusions()
    chars = {ch: r[0][0] for ch, r in conf.readings.items() if r}
    plain = Homophones({}, chars, {})  # the characters' readings alone
    phrases = {}
    for w, readings in phrases_dict.items():  # pypinyin's reading of the words it knows, for the heteronyms
        key = " ".join(split_tone(r[0])[0] for r in readings)
        if key != plain.key(w):
            phrases[w] = key
    index: dict[str, list[str]] = {}
    by_sound = Homophones(index, chars, phrases)
    for w, f in lex.freq.items():
        if 2 <= len(w) <= 4 and f >= min_freq:
            key = by_sound.key(w)
            if NO_READING not in key:
                index.setdefault(key, []).append(w)
    return {k: tuple(sorted(v, key=lambda w: -lex.freq[w])) for k, v in index.items()}, chars, phrases


class UnigramScorer:
    """log P of a Han string as its best segmentation into jieba's words (the model shipped with jieba)."""

    def __init__(self, lex: Lexicon, piece_cost: float = 0.0):
        self.lex = lex
        self.piece_cost = piece_cost
        self._cache: dict[str, float] = {}

    def score(self, text: str) -> float:
        score = self._cache.get(text)
        if score is None:
            make_room(self._cache)
            score = self._cache[text] = best_segmentation(text, self.lex, self.piece_cost)[0]
        return score


class SumScorer:
    """Several models' log-probabilities added, each with a weight (a product of experts)."""

    def __init__(self, *weighted):
        self.weighted = weighted

    def score(self, text: str) -> float:
        return sum(w * m.score(text) for m, w in self.weighted)

    def delta(self, before: str, after: str, a: int, b: int) -> float:
        return sum(w * delta(m, before, after, a, b) for m, w in self.weighted)


def _run_length(flags: list[bool], start: int, step: int, most: int = 2) -> int:
    """How many of flags[start], flags[start + step] ... are true in a row, counting up to `most`."""
    n = 0
    while n < most and 0 <= start < len(flags) and flags[start]:
        n += 1
        start += step
    return n


def delta(model, before: str, after: str, a: int, b: int) -> float:
    """log P(after) - log P(before), two texts that differ only in [a, b): a model that reads only a few
    characters back (a character n-gram model) computes it from the positions the change can reach."""
    local = getattr(model, "delta", None)
    return local(before, after, a, b) if local else model.score(after) - model.score(before)


class Corrector:
    def __init__(self, settings: Settings | None = None, lm=None, lex: Lexicon | None = None, conf: Confusions | None = None):
        self.settings = settings or Settings()
        self.lex = lex or lexicon()
        self.conf = conf or confusions()
        self.holes = hole_index(self.settings.word_freq)
        self.typed = frozenset(common_chars()[: self.settings.typed_chars])
        self.homophones = homophones(self.settings.homophone_freq) if self.settings.word_threshold is not None else None
        self.unigram = UnigramScorer(self.lex, self.settings.piece_cost)
        self.lm = lm or self.unigram  # the model candidates are rescored with
        self._best_cache: dict[tuple[str, int], tuple | None] = {}
        self._word_cache: dict[tuple[str, int, int], tuple | None] = {}
        self._span_cache: dict[tuple[str, int], tuple[list[str], list[str]] | None] = {}
        self._join_cache: dict[tuple[str, int, int, int], list[str]] = {}
        self._segmentations: dict[str, list[int]] = {}

    def segment(self, run: str) -> list[int]:
        """Word boundaries of the best segmentation of a run (cached: reports repeat their clauses)."""
        bounds = self._segmentations.get(run)
        if bounds is None:
            make_room(self._segmentations, 100_000)
            bounds = self._segmentations[run] = best_segmentation(run, self.lex)[1]
        return bounds

    def correct_run(self, run: str, offset: int = 0, protected=frozenset(), bounds=None, guarded=None) -> list[Correction]:
        """Corrections inside one run of Han characters; `protected` holds positions never to change, `guarded`
        maps positions that may be part of a name to the higher gain a change there needs, and `bounds` is the
        run's best segmentation when the caller has it already."""
        guarded = guarded or {}
        st = self.settings
        freq = self.lex.freq
        n = len(run)
        if n < 2:
            return []
        if bounds is None:
            bounds = self.segment(run)
        out = []
        chars = run
        typed = self.typed
        pieces = list(zip(bounds, bounds[1:]))
        # Inside a frequent word, or any known word of three or more characters, a change would make a non-word.
        strong = [
            b - a > 1 and freq.get(run[a:b], 0) >= (st.skip_freq if b - a == 2 else st.word_freq) for a, b in pieces
        ]
        for k, (a, b) in enumerate(pieces):
            if strong[k]:
                continue
            # A common function character between two frequent words (加强/对/党员) reads fluently.
            if (b - a == 1 and freq.get(run[a], 0) >= st.fluent_freq
                    and (k == 0 or strong[k - 1]) and (k == len(pieces) - 1 or strong[k + 1])):
                continue
            for i in range(a, b):
                if i in protected:
                    continue
                need = max(st.threshold, guarded.get(i, st.threshold))
                found = self._best(chars, i)
                if chars[i] not in typed:
                    need += st.rare_extra
                if found and found[0] >= need:
                    gain, cand, kind, word = found
                    out.append(Correction(offset + i, chars[i], cand, kind, gain, word))
                    chars = chars[:i] + cand + chars[i + 1 :]  # later positions see the corrected text
        if self.homophones:
            out.extend(self._words(chars, bounds, offset, protected, {c.start - offset for c in out}, guarded))
            out.sort(key=lambda c: c.start)
        return out

    def _words(self, chars: str, bounds: list[int], offset: int, protected, touched: set[int], guarded) -> list[Correction]:
        """Words of the segmentation, and runs of lone characters, two to four characters long, replaced by a
        word that sounds the same (tones aside) where the model finds it much more probable in context."""
        st = self.settings
        logp, unknown = self.lex.logp, self.lex.unknown
        hom = self.homophones
        spans = self._span_cache
        typed = self.typed
        sounds = hom.readings(chars)  # once for the run: a span's key is made of them
        # The pieces' log-probabilities: a span's own, to pass over the candidates much rarer than it at once.
        piece = [logp.get(chars[a:b], unknown) for a, b in zip(bounds, bounds[1:])]
        out = []
        lone = [b - a == 1 and self.lex.freq.get(chars[a], 0) < st.fluent_freq for a, b in zip(bounds, bounds[1:])]
        for k, a in enumerate(bounds[:-1]):
            for m in range(k + 1, len(bounds)):
                b = bounds[m]
                # One word, or a run of lone characters (新/代 for 信贷), never a word with what is next to it
                # (提/质/升级 is not 直升机).
                if b - a > 4 or (m > k + 1 and b - bounds[m - 1] > 1) or (m == k + 2 and bounds[k + 1] - a > 1):
                    break
                if b - a < 2:
                    continue
                # Before the memo below: `piece` holds the log-probabilities of the text before any change here.
                if (protected or touched) and any(i in protected or i in touched for i in range(a, b)):
                    continue
                span = chars[a:b]
                # Lone characters with a rare one among them (奋/楫, 勠/力): an input method offers a rare character
                # alone only to one who looks for it, so it was meant, as in the character pass (typed_chars); a
                # whole word with a rare character (咫尺 for 支持) is what the input method offers, and is looked at.
                # ECSpell-odw even lines: F1 -0.005, a fifth fewer findings on the right sentences.
                if m > k + 1 and not typed.issuperset(span):
                    continue
                # What can replace a span depends only on it and on whether it is one word (its base then), and
                # reports use the same words again and again: looked up once per process.
                memo = (span, m - k)
                cands = spans.get(memo, ())
                if cands == ():
                    make_room(spans)
                    cands = spans[memo] = self._homophone_words(span, sounds[a:b], sum(piece[k:m]))
                if cands is None:
                    continue
                # Lone characters part of a longer run of them, none a common word, are a compound the dictionary
                # lacks (没有深/钻/细/研 is not 吸烟), not a word typed wrong between words (模式/墙/画/监督管理).
                if m > k + 1 and _run_length(lone, k - 1, -1) + _run_length(lone, m, 1) >= 2:
                    continue
                common, rare = cands
                if rare:
                    common = common + self._joining(chars, a, b, m - k, rare)
                if not common:
                    continue
                need = max([st.word_threshold] + [guarded[i] for i in range(a, b) if i in guarded])
                found = self._best_word(chars, a, b, common)
                if found and found[0] >= need:
                    gain, cand = found
                    changed = [i for i in range(a, b) if chars[i] != cand[i - a]]
                    i, j = changed[0], changed[-1] + 1
                    out.append(Correction(offset + i, chars[i:j], cand[i - a : j - a], SAME_SOUND, gain, cand))
                    chars = chars[:a] + cand + chars[b:]
                    sounds[a:b] = hom.readings(cand)
                    touched.update(range(a, b))
        return out

    def _homophone_words(self, span: str, sounds: list[str], base: float) -> tuple[list[str], list[str]] | None:
        """The words that sound like `span` and, less the channel cost, are at most `word_floor` less probable than
        it (log probability `base`), commonest first, and those down to `rare_floor`; None for none."""
        logp = self.lex.logp
        st = self.settings
        words = self.homophones.words.get(self.homophones.key(span, sounds))
        floor = base + st.word_floor + st.word_cost
        lowest = floor if st.rare_floor is None else min(floor, base + st.rare_floor + st.word_cost)
        if not words or logp[words[0]] < lowest:  # commonest first
            return None
        common = [c for c in words if logp[c] >= floor and c != span]
        rare = [c for c in words if lowest <= logp[c] < floor and c != span]
        return (common, rare) if common or rare else None

    def _joining(self, s: str, a: int, b: int, pieces: int, rare: list[str]) -> list[str]:
        """The words of `rare` that, in place of s[a:b], make a longer dictionary word with the characters next to
        it; cached by the characters they can reach (a span's `rare` follows from it and its number of pieces)."""
        lo, hi = max(0, a - 4), min(len(s), a + 6)
        key = (s[lo:hi], a - lo, b - lo, pieces)
        found = self._join_cache.get(key)
        if found is None:
            make_room(self._join_cache)
            near, i, j = s[lo:hi], a - lo, b - lo
            found = self._join_cache[key] = [cand for cand in rare if self._makes_word(near[:i] + cand + near[j:], i, j)]
        return found

    def _makes_word(self, after: str, i: int, j: int) -> bool:
        """Whether after[i:j] is part of a longer dictionary word of at most six characters."""
        freq = self.lex.freq
        n = len(after)
        for x in range(i + 1):
            for y in range(j + 1 if x == i else j, min(n, x + 6) + 1):
                if after[x:y] in freq:
                    return True
        return False

    def _best_word(self, s: str, a: int, b: int, cands: list[str]):
        """(gain, word) of the best of `cands` for s[a:b], or None; cached by the context it reads."""
        w = self.settings.window
        lo, hi = max(0, a - w), min(len(s), b + w)
        key = (s[lo:hi], a - lo, b - lo)
        if key in self._word_cache:
            return self._word_cache[key]
        make_room(self._word_cache)
        st = self.settings
        before = s[lo:hi]
        span = s[a:b]
        best = None
        for cand in cands:  # none of them is the span itself
            cost = st.word_cost * sum(x != y for x, y in zip(cand, span))
            gain = delta(self.lm, before, s[lo:a] + cand + s[b:hi], a - lo, b - lo) - cost
            if best is None or gain > best[0]:
                best = (gain, cand)
        self._word_cache[key] = best
        return best

    def _best(self, s: str, i: int):
        """(gain, candidate, kind, word) of the best candidate at i, or None; cached by the context it reads,
        since reports repeat their phrasing."""
        w = self.settings.window
        a = max(0, i - w)
        key = (s[a : i + w + 1], i - a)
        if key in self._best_cache:
            return self._best_cache[key]
        make_room(self._best_cache)
        found = self._best_cache[key] = self._best_uncached(s, i)
        return found

    def _best_uncached(self, s: str, i: int):
        st = self.settings
        conf = self.conf.of(s[i])
        if not conf:
            return None
        conf_set = self.conf.set_of(s[i])
        if s[i] not in self.typed:  # a rare character was picked on purpose: only a slip of the eye or pen
            conf_set = self.conf.shapes_of(s[i])
        logp = self.lex.logp
        holes = self.holes
        costs = st.costs
        # The words through i are slices of its neighbourhood with i left out: 推?高速 -> 推?, ?高, 推?高 ...
        reach = st.max_len - 1
        lo = max(0, i - reach)
        holed = s[lo:i] + HOLE + s[i + 1 : i + 1 + reach]
        h, m = i - lo, len(holed)
        estimates: dict[str, tuple[float, str]] = {}
        for length in range(2, st.max_len + 1):
            for j in range(max(0, h - length + 1), min(h, m - length) + 1):
                key = holed[j : j + length]
                fills = holes.get(key)
                if not fills:
                    continue
                both = fills & conf_set  # in C: the confusable characters that complete the word
                if not both:
                    continue
                base = self.unigram.score(s[lo + j : lo + j + length])
                for cand in both:
                    word = key.replace(HOLE, cand)
                    est = logp[word] - base - costs[conf[cand]]
                    if cand not in estimates or est > estimates[cand][0]:
                        estimates[cand] = (est, word)
        best = None
        floor = st.threshold - st.margin
        for cand, (est, word) in estimates.items():
            if est < floor:
                continue
            gain = self._gain(s, i, cand) - st.costs[conf[cand]]
            if best is None or gain > best[0]:
                best = (gain, cand, conf[cand], word)
        return best

    def _gain(self, s: str, i: int, cand: str) -> float:
        w = self.settings.window
        a, b = max(0, i - w), min(len(s), i + w + 1)
        before = s[a:b]
        after = before[: i - a] + cand + before[i - a + 1 :]
        return delta(self.lm, before, after, i - a, i - a + 1)
