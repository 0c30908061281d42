"""TF-IDF cosine over terms (R-MG-1 merge candidates, R-RP-8 repeats): exact on small corpora,
the same whether documents come one by one or in bulk, through removals and compaction."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.similarity import REPEAT_WARNING_SCORE, TfIdfIndex, is_repeat

ROADS = ["农村公路", "提档", "升级", "安全", "防护", "设施"]
ROADS_AGAIN = ["农村公路", "提档", "升级", "改造", "路面", "防护"]
SCHOOLS = ["乡村", "学校", "办学", "条件", "教学楼", "教师"]


def corpus() -> TfIdfIndex[int]:
    index: TfIdfIndex[int] = TfIdfIndex()
    index.add_many([(1, ROADS), (2, ROADS_AGAIN), (3, SCHOOLS)])
    return index


def brute_cosine(index: TfIdfIndex[int], a: list[str], b: list[str]) -> float:
    def vector(terms: list[str]) -> dict[str, float]:
        return {t: (1 + math.log(terms.count(t))) * index.idf(t) for t in set(terms)}

    va, vb = vector(a), vector(b)
    dot = sum(w * vb.get(t, 0.0) for t, w in va.items())
    return dot / (
        math.sqrt(sum(w * w for w in va.values())) * math.sqrt(sum(w * w for w in vb.values()))
    )


def test_the_same_words_score_one_and_no_shared_word_is_not_a_match():
    index = corpus()
    assert index.similar(ROADS, limit=1)[0].key == 1 and index.similar(ROADS)[0].score == 1.0
    assert [m.key for m in index.similar(ROADS, exclude=1)] == [2]  # schools share nothing
    assert index.similar(["无关", "词语"]) == [] and index.similar([]) == []


def test_scores_are_the_exact_cosine_on_a_small_corpus():
    index = corpus()
    (match,) = index.similar(ROADS, exclude=1)
    assert abs(match.score - brute_cosine(index, ROADS, ROADS_AGAIN)) < 1e-4


def test_allowed_limits_the_candidates_and_limit_the_count():
    index = corpus()
    assert index.similar(ROADS, allowed=lambda key: key != 2, exclude=1) == []
    assert len(index.similar(ROADS + SCHOOLS, limit=2)) == 2


def test_removing_and_replacing_a_document():
    index = corpus()
    index.remove(2)
    assert 2 not in index and len(index) == 2
    assert index.similar(ROADS, exclude=1) == []
    index.add(3, ROADS_AGAIN)  # replaced: schools becomes roads
    assert [m.key for m in index.similar(ROADS, exclude=1)] == [3]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(ROADS + ROADS_AGAIN + SCHOOLS), min_size=1, max_size=8),
        min_size=2,
        max_size=30,
    )
)
def test_one_by_one_equals_in_bulk_and_stays_near_exact(documents):
    bulk: TfIdfIndex[int] = TfIdfIndex()
    bulk.add_many(enumerate(documents))
    single: TfIdfIndex[int] = TfIdfIndex()
    for key, terms in enumerate(documents):
        single.add(key, terms)
    query = documents[0]
    assert {m.key for m in bulk.similar(query, limit=50)} == {
        m.key for m in single.similar(query, limit=50)
    }
    for match in bulk.similar(query, limit=50):
        assert abs(match.score - min(1.0, brute_cosine(bulk, query, documents[match.key]))) < 1e-3


def test_many_removals_compact_the_index_without_changing_answers():
    rng = random.Random(8)
    words = [f"词{n}" for n in range(300)]
    index: TfIdfIndex[int] = TfIdfIndex()
    documents = {key: rng.sample(words, 12) for key in range(3000)}
    index.add_many(documents.items())
    for key in range(1, 2500):
        index.remove(key)
    assert len(index) == 501
    (best, *_) = index.similar(documents[0])
    assert best.key == 0 and best.score == 1.0


def test_a_repeat_is_at_or_over_the_threshold():
    assert is_repeat(REPEAT_WARNING_SCORE) and not is_repeat(REPEAT_WARNING_SCORE - 0.01)
