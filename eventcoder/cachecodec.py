"""A data-only file format for the user cache: JSON that can rebuild eventcoder's own values and nothing else.

The cache used to hold pickles, and ``pickle.load`` runs whatever a file
tells it to, so anyone able to write the cache directory could run code as
its reader. This format holds data only: JSON values, tagged so that tuples,
sets, dicts with non-string keys, dates, compiled regexes, shared objects and
instances of eventcoder's own classes come back as they were. Reading a file
can create instances of classes defined in the ``eventcoder`` package (and
``pathlib`` paths) from data, and nothing else: no other module is imported,
no other callable is called.

How an object is stored:

- a dataclass as the values of its ``__init__`` fields, rebuilt by calling
  the class (its ``__post_init__`` derives the other fields, as it did when
  the value was first built);
- a named tuple as its fields; another eventcoder object (or a subclass of
  ``str``, ``int``, ``dict``, ``list``) as ``copyreg``'s protocol describes it
  (``__reduce_ex__(4)``): created with the class's ``__new__`` (which must be
  ``object``'s or a built-in type's), then given its state, by its own
  ``__setstate__`` when it has one;
- an object referenced twice is stored once and referenced (no cycles);
  strings too, so a value read back shares what the value written shared
  (a fingerprint computed by pickling it, as :mod:`eventcoder.actors.resolve`
  does, is then the same for a built and a cached codebook).

A value holding anything else (a function of another package, an open file)
cannot be stored: :func:`encode` raises :class:`CacheFormatError` and the
cache is simply not written. :func:`decode` raises it for any file it does
not fully understand.
"""

from __future__ import annotations

import copyreg
import dataclasses
import datetime
import enum
import importlib
import json
import math
import operator
import pathlib
import re
import sys
from collections.abc import Callable
from types import FunctionType
from typing import Any

__all__ = ["FORMAT", "CacheFormatError", "decode", "encode"]

FORMAT = "eventcoder-cache"
_VERSION = 1

(REF, DEF, TUP, TUPX, LST, LSTX, FRZ, FRZX, SET, SETX, DICTX, DICTK, NEW, NEWX, CALL, CALLX, ROW,
 FLOAT, DATE, REGEX, GLOBAL) = range(21)  # fmt: skip
_SLOTS, _STATE = 1, 0  # how a NEW/CALL node's state is stored: slot values only, or a whole state
_PATHS = (pathlib.PurePosixPath, pathlib.PosixPath, pathlib.PureWindowsPath, pathlib.WindowsPath)
_NEW_OK: frozenset[Any] = frozenset(t.__new__ for t in (object, str, int, float, tuple, list, dict, frozenset, set))
_NO_SETSTATE = getattr(object, "__setstate__", None)
_NEWOBJ = getattr(copyreg, "__newobj__")  # noqa: B009 - what __reduce_ex__(4) names for "cls.__new__(cls, *args)"
_PLAIN = frozenset({int, bool, type(None)})  # stored as themselves (floats too, when finite; strings unless shared)
_ATOMS = _PLAIN | {float}  # values whose identity does not matter; a string's does (see the fingerprint note)
_NODES = frozenset({list, dict})  # what an encoded child is when it needs decoding
_INIT_FIELDS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


class CacheFormatError(ValueError):
    """A value that cannot be stored, or a file that is not a cache file this version reads."""


def _own_module(name: str) -> bool:
    return name == "eventcoder" or name.startswith("eventcoder.")


# -- writing ---------------------------------------------------------------------------------


class _Encoder:
    """Two passes: count the references to each object, then write each shared one once."""

    def __init__(self) -> None:
        self.count: dict[int, int] = {}
        self.shared: set[int] = set()  # ids of the objects referenced more than once
        self.index: dict[int, int] = {}
        self.reduced: dict[int, tuple[Any, ...]] = {}
        self.keep: list[Any] = []  # every object seen stays alive, so no id() is reused meanwhile
        self.classes: list[str] = []
        self.class_index: dict[Any, int] = {}

    def reduce(self, o: Any) -> tuple[Any, ...]:
        """(new, class, args, state, list items, dict items) of an object, cached."""
        found = self.reduced.get(id(o))
        if found is not None:
            return found
        kind = type(o)
        if not (_own_module(kind.__module__) or kind in _PATHS):
            raise CacheFormatError(f"cannot store a {kind.__module__}.{kind.__qualname__}: not eventcoder's")
        if dataclasses.is_dataclass(o):
            found = (False, kind, _init_values(o), None, [], {})
        else:
            try:
                func, args, *rest = o.__reduce_ex__(4)
            except TypeError as exc:
                raise CacheFormatError(f"cannot store {kind.__qualname__}: {exc}") from exc
            state, items, ditems = (*rest, None, None, None)[:3]
            if func is _NEWOBJ:
                new, cls, args = True, args[0], args[1:]
            elif func is type(o) and isinstance(o, (*_PATHS, enum.Enum)):  # an enum member: its class(value)
                new, cls = False, func
            else:
                raise CacheFormatError(f"cannot store {type(o).__qualname__}: it is rebuilt by {func!r}")
            found = (new, cls, tuple(args), state, list(items or ()), dict(ditems or {}))
        self.reduced[id(o)] = found
        self.keep.append(found)
        return found

    def count_refs(self, root: Any) -> None:
        stack = [root] if type(root) not in _ATOMS else []
        count, keep = self.count, self.keep
        while stack:
            o = stack.pop()
            c = count.get(id(o), 0)
            count[id(o)] = c + 1
            if c:
                continue
            keep.append(o)
            t = type(o)
            if t is str:
                continue
            if t is tuple or t is list or t is frozenset or t is set:
                stack.extend([x for x in o if type(x) not in _ATOMS])
            elif t is dict:  # string keys are written as JSON keys, never shared
                stack.extend([x for x in o if type(x) not in _ATOMS and type(x) is not str])
                stack.extend([x for x in o.values() if type(x) not in _ATOMS])
            elif not (t is datetime.date or t is re.Pattern or isinstance(o, (type, FunctionType))):
                _, _, args, state, items, ditems = self.reduce(o)
                children = [*args, *items, *ditems.keys(), *ditems.values(), state]
                stack.extend([x for x in children if type(x) not in _ATOMS])

    def global_ref(self, c: Any) -> int:
        i = self.class_index.get(c)
        if i is None:
            module, name = getattr(c, "__module__", ""), getattr(c, "__qualname__", "<?>")
            if not ((_own_module(module) and "<" not in name) or c in _PATHS):
                raise CacheFormatError(f"cannot store a reference to {module}.{name}")
            i = self.class_index[c] = len(self.classes)
            self.classes.append(f"{module}:{name}")
        return i

    def enc(self, o: Any) -> Any:
        t = type(o)
        if t is int or t is bool or o is None or (t is float and math.isfinite(o)):
            return o
        if t is str and id(o) not in self.shared:
            return o
        i = self.index.get(id(o))
        if i is not None:
            return [REF, i]
        node = self.node(o, t)
        if id(o) in self.shared:
            self.index[id(o)] = len(self.index)
            return [DEF, node]
        return node

    def seq(self, items: Any, plain: int, mixed: int) -> list[Any]:
        enc = self.enc
        out = [x if type(x) in _PLAIN else enc(x) for x in items]
        return [mixed if _NODES & set(map(type, out)) else plain, out]

    def node(self, o: Any, t: type) -> Any:
        if t is str:
            return o  # a shared string: its first occurrence is wrapped in DEF
        if t is float:
            return [FLOAT, repr(o)]
        for kind, plain, mixed in ((tuple, TUP, TUPX), (list, LST, LSTX), (frozenset, FRZ, FRZX), (set, SET, SETX)):
            if t is kind:
                return self.seq(o, plain, mixed)
        if t is dict:
            if all(type(k) is str for k in o):
                enc = self.enc
                out = {k: v if type(v) in _PLAIN else enc(v) for k, v in o.items()}
                return [DICTX, out] if _NODES & set(map(type, out.values())) else out
            return [DICTK, [self.enc(x) for kv in o.items() for x in kv]]
        if t is datetime.date:
            return [DATE, o.toordinal()]
        if t is re.Pattern:
            return [REGEX, o.pattern, o.flags]
        if isinstance(o, (type, FunctionType)):
            return [GLOBAL, self.global_ref(o)]
        return self.instance(o)

    def instance(self, o: Any) -> list[Any]:
        new, cls, args, state, items, ditems = self.reduce(o)
        enc = self.enc
        out = [a if type(a) in _PLAIN else enc(a) for a in args]
        mixed = bool(_NODES & set(map(type, out)))
        if new and not mixed and state is None and not items and not ditems and _is_named_tuple(cls):
            return [ROW, self.global_ref(cls), out]
        node: list[Any] = [(NEWX if mixed else NEW) if new else (CALLX if mixed else CALL), self.global_ref(cls), out]
        if state is not None or items or ditems:
            slots = type(state) is tuple and len(state) == 2 and state[0] is None and type(state[1]) is dict
            node += [_SLOTS, {k: self.enc(v) for k, v in state[1].items()}] if slots else [_STATE, self.enc(state)]
        if items or ditems:
            node += [self.enc(items), self.enc(ditems)]
        return node


def _init_values(o: Any) -> tuple[Any, ...]:
    """The values of a dataclass instance's ``__init__`` fields, in order."""
    get = _INIT_FIELDS.get(type(o))
    if get is None:
        names = [f.name for f in dataclasses.fields(o) if f.init]
        getter = operator.attrgetter(*names) if names else (lambda _: ())
        get = _INIT_FIELDS[type(o)] = (lambda x: (getter(x),)) if len(names) == 1 else getter
    return get(o)


def encode(value: object) -> bytes:
    """``value`` as a cache file's bytes; CacheFormatError when it holds something the format cannot."""
    encoder = _Encoder()
    try:
        encoder.count_refs(value)
        encoder.shared = {k for k, n in encoder.count.items() if n > 1}
        body = encoder.enc(value)
    except RecursionError as exc:
        raise CacheFormatError("value nested too deeply to store") from exc
    doc = {"format": FORMAT, "version": _VERSION, "classes": encoder.classes, "value": body}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


# -- reading ---------------------------------------------------------------------------------


def _is_named_tuple(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")


def _resolve(ref: Any) -> Any:
    """The eventcoder class or function ``module:qualname`` names; CacheFormatError for anything else."""
    module, _, name = str(ref).partition(":")
    if not (_own_module(module) or module == "pathlib") or not name:
        raise CacheFormatError(f"a cache file names {ref!r}, which is not eventcoder's")
    found: Any = importlib.import_module(module)
    for part in name.split("."):
        if part.startswith("__"):
            raise CacheFormatError(f"a cache file names {ref!r}")
        found = getattr(found, part, None)
    if module == "pathlib" and found not in _PATHS:
        raise CacheFormatError(f"a cache file names {ref!r}")
    if not (isinstance(found, type) or (isinstance(found, FunctionType) and _own_module(found.__module__))):
        raise CacheFormatError(f"a cache file names {ref!r}, which is not a class or function")
    return found


def decode(data: bytes) -> object:
    """The value stored by :func:`encode`; CacheFormatError for any other content."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise CacheFormatError(f"not a cache file: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != _VERSION:
        raise CacheFormatError("not a cache file of this version")
    classes = [_resolve(c) for c in doc.get("classes") or []]
    try:
        return _decoder(classes)(doc.get("value"))
    except CacheFormatError:
        raise
    except (TypeError, ValueError, IndexError, KeyError, AttributeError, RecursionError) as exc:
        raise CacheFormatError(f"damaged cache file: {exc!r}") from exc


def _decoder(classes: list[Any]) -> Callable[[Any], Any]:
    """The function that rebuilds a stored value; a closure, as it runs once per stored object."""
    memo: list[Any] = []
    calls = [c if dataclasses.is_dataclass(c) or c in _PATHS or isinstance(c, type) and issubclass(c, enum.Enum)
             else None for c in classes]
    news = [c if isinstance(c, type) and (c.__new__ in _NEW_OK or _is_named_tuple(c)) else None for c in classes]
    rows = [c if _is_named_tuple(c) else None for c in classes]
    make = _makers(classes, memo)

    def dec(n: list[Any]) -> Any:
        tag = n[0]  # the most frequent nodes first
        if tag == TUP:
            return tuple(n[1])
        if tag in (CALLX, CALL):
            cls = calls[n[1]]
            if cls is None:
                raise CacheFormatError(f"{classes[n[1]]!r} is rebuilt by calling it, but it is not a dataclass")
            args = n[2] if tag == CALL else [x if type(x) is not list else memo[x[1]] if x[0] == REF else dec(x)
                                             for x in n[2]]  # fmt: skip
            return cls(*args) if len(n) == 3 else _state(cls(*args), n, dec, memo)
        if tag == TUPX:
            return tuple([x if type(x) is not list else memo[x[1]] if x[0] == REF else dec(x) for x in n[1]])
        if tag == DEF:
            found = dec(n[1]) if type(n[1]) is list else n[1]
            memo.append(found)
            return found
        if tag in (NEW, NEWX):
            cls = news[n[1]]
            if cls is None:
                raise CacheFormatError(f"{classes[n[1]]!r} has its own __new__")
            args = n[2] if tag == NEW else [x if type(x) is not list else memo[x[1]] if x[0] == REF else dec(x)
                                            for x in n[2]]  # fmt: skip
            obj = cls.__new__(cls, *args)
            return obj if len(n) == 3 else _state(obj, n, dec, memo)
        if tag == ROW:
            if rows[n[1]] is None:
                raise CacheFormatError(f"{classes[n[1]]!r} is not a named tuple")
            return tuple.__new__(rows[n[1]], n[2])
        if tag == REF:
            return memo[n[1]]
        return make(tag, n, dec)

    return lambda n: dec(n) if type(n) is list else n


def _makers(classes: list[Any], memo: list[Any]) -> Callable[[int, list[Any], Callable[[Any], Any]], Any]:
    """The rarer nodes: containers other than tuples, dates, regexes, references to classes."""

    def make(tag: int, n: list[Any], dec: Callable[[Any], Any]) -> Any:
        if tag in (LSTX, FRZX, SETX, DICTK):
            flat = [x if type(x) is not list else memo[x[1]] if x[0] == REF else dec(x) for x in n[1]]
            kind: Any = {LSTX: list, FRZX: frozenset, SETX: set}.get(tag)
            return kind(flat) if kind is not None else dict(zip(flat[::2], flat[1::2], strict=True))
        if tag == DICTX:
            return {k: v if type(v) is not list else memo[v[1]] if v[0] == REF else dec(v) for k, v in n[1].items()}
        simple: dict[int, Callable[[list[Any]], Any]] = {
            LST: lambda n: n[1], FRZ: lambda n: frozenset(n[1]), SET: lambda n: set(n[1]),
            FLOAT: lambda n: float(n[1]), DATE: lambda n: datetime.date.fromordinal(n[1]),
            REGEX: lambda n: re.compile(n[1], n[2]), GLOBAL: lambda n: classes[n[1]],
        }  # fmt: skip
        if tag not in simple:
            raise CacheFormatError(f"unknown node {tag!r}")
        return simple[tag](n)

    return make


def _state(obj: Any, n: list[Any], dec: Callable[[Any], Any], memo: list[Any]) -> Any:
    """``obj`` given the state a NEW or CALL node carries after its arguments."""

    def value(v: Any) -> Any:
        return v if type(v) is not list else memo[v[1]] if v[0] == REF else dec(v)

    if n[3] == _SLOTS:
        for key, v in n[4].items():
            object.__setattr__(obj, key, value(v))
    else:
        state = value(n[4])
        setstate = getattr(type(obj), "__setstate__", None)
        if state is not None and setstate is not None and setstate is not _NO_SETSTATE:
            obj.__setstate__(state)
        elif state is not None:
            slots = None
            if type(state) is tuple and len(state) == 2:
                state, slots = state
            if state:  # attribute names interned, as setattr would: the value is then the one stored
                obj.__dict__.update({sys.intern(k): v for k, v in state.items()})
            for key, v in (slots or {}).items():
                object.__setattr__(obj, key, v)
    if len(n) > 5:
        items, ditems = value(n[5]), value(n[6])
        if items:
            obj.extend(items)
        if ditems:
            obj.update(ditems)
    return obj
