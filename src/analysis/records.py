"""Frozen records made quickly.

A frozen dataclass stores each field with a call to ``object.__setattr__`` (its own ``__setattr__`` refuses
assignments), which makes creating one five times as slow as creating a plain one. The records the extraction
makes by the hundred thousand (a page's alias matches, mentions, sentences, dates, relation arguments) take
:func:`quick_init` instead: their fields go straight into the instance's dictionary. The instances are the same:
immutable, compared, hashed and shown by value.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T", bound=type)


def quick_init(cls: T) -> T:
    """Give the frozen dataclass ``cls`` an ``__init__`` that writes its fields into the instance's dictionary
    (same parameters and defaults as the one :func:`dataclasses.dataclass` writes; classes with default factories,
    ``__post_init__``, fields left out of ``__init__`` or ``__slots__`` are refused).

    >>> @quick_init
    ... @dataclasses.dataclass(frozen=True)
    ... class Span:
    ...     start: int
    ...     end: int
    ...     how: str = "explicit"
    >>> Span(1, 3) == Span(1, 3, "explicit"), hash(Span(1, 3)) == hash(Span(1, 3)), Span(1, 3)
    (True, True, Span(start=1, end=3, how='explicit'))
    """
    fields = dataclasses.fields(cls)
    if not cls.__dataclass_params__.frozen or hasattr(cls, "__post_init__") or "__slots__" in cls.__dict__ or any(
            not f.init or f.default_factory is not dataclasses.MISSING for f in fields):
        raise TypeError(f"{cls.__name__}: quick_init takes a frozen dataclass of plain fields")
    defaults = {f"_default_{f.name}": f.default for f in fields if f.default is not dataclasses.MISSING}
    params = ", ".join(f.name + (f"=_default_{f.name}" if f.default is not dataclasses.MISSING else "") for f in fields)
    names = {f.name for f in fields}
    d = next(v for v in ("d", "_d", "__d", "_fields_") if v not in names | {"self"})  # a local no field is named
    stores = "".join(f"\n    {d}[{f.name!r}] = {f.name}" for f in fields)
    namespace: dict = {}
    exec(f"def __init__(self, {params}):\n    {d} = self.__dict__{stores}", defaults, namespace)  # noqa: S102
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls


__all__ = ["quick_init"]
