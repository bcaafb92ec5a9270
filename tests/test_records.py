import dataclasses
import pickle

import pytest

from analysis.records import quick_init


@dataclasses.dataclass(frozen=True)
class _Plain:
    start: int
    end: int
    d: str = "explicit"  # a field named like the local the quick __init__ would use


_Quick = quick_init(dataclasses.dataclass(frozen=True)(type("_Quick", (), {"__annotations__": {
    "start": int, "end": int, "d": str}, "d": "explicit"})))


def test_a_quick_record_is_the_record_its_dataclass_makes():
    for args in [(1, 2), (1, 2, "anaphor")]:
        quick, plain = _Quick(*args), _Plain(*args)
        assert vars(quick) == vars(plain) and repr(quick).replace("_Quick", "_Plain") == repr(plain)
        assert quick == _Quick(*args) and hash(quick) == hash(_Quick(*args))
        assert pickle.loads(pickle.dumps(quick)) == quick and dataclasses.replace(quick, end=5).end == 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        _Quick(1, 2).start = 3
    assert _Quick(start=1, end=2, d="x").d == "x"


def test_quick_init_refuses_what_it_cannot_make():
    @dataclasses.dataclass(frozen=True)
    class WithFactory:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass
    class NotFrozen:
        x: int

    for cls in (WithFactory, NotFrozen):
        with pytest.raises(TypeError):
            quick_init(cls)


def test_the_records_made_by_the_thousand_are_quick():
    from analysis.dates import DateMention
    from analysis.entities import Mention
    from analysis.kb import Match
    from analysis.relations import Arg
    from analysis.sentences import Sentence

    for cls in (DateMention, Mention, Match, Arg, Sentence):
        assert cls.__init__.__code__.co_filename == "<string>" and "__setattr__" not in cls.__init__.__code__.co_names
    assert Arg("IOM", 0, 3) == Arg("IOM", 0, 3, "explicit")
