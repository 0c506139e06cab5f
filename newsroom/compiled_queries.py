"""Page queries compiled to SQL once per process, not on every request.

Django builds and compiles a queryset's SQL each time it is evaluated. For an
uncached article page that took 0.7 ms of its 3 ms in-process (its two queries),
several times what running them took. A page asks the same queries on every request
with other values: an article's id, the time now, the ids of the stories it lists.
:class:`CompiledQuery` compiles each once per process and shape (the types of its
values, the lengths of its lists), and then puts each request's values into the
SQL's parameters.

It finds where the values go by compiling the queryset twice, with two sets of
stand-in values of the same types. The SQL must come out the same both times, and
every parameter that differs must be one of the stand-ins as the database receives
it: as it is, or as a date and time adapted for the database. A queryset for which
that does not hold (its SQL depends on the values, or a value is changed on its
way, such as a pattern for ``contains``) is not compiled ahead: it is evaluated as
an ordinary queryset, with the same results.
"""

import copy
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections

logger = logging.getLogger("newsroom")

#: Shapes compiled ahead per query (values of these types, lists of so many); others
#: are evaluated as ordinary querysets.
SHAPES_KEPT = 64


class _NotCompiled(Exception):
    """The queryset cannot be compiled ahead (see the module's documentation)."""


#: The integers a database column holds (64-bit); Django's lookups turn a larger
#: one into an empty result, which a plan would not.
BIGINT = range(-(2**63), 2**63)


def _stand_in(value, run, slot):
    """A value of ``value``'s type that no query holds by chance, distinct for each
    ``run`` (0 or 1) and ``slot`` (each value's place among the values), and in every
    part (a date's year, month, day, hour, minute, second) from the other run's."""
    if isinstance(value, int):
        return 10**12 + run * 1_000_003 + slot
    if isinstance(value, datetime):
        start = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=value.tzinfo)
        return (
            start
            + timedelta(
                days=run * 1000 + slot,
                hours=run * 7,
                minutes=run * 13,
                seconds=run * 17,
            )
            + timedelta(microseconds=run * 1001 + slot)
        )
    return f"\x1fstand-in {run} {slot}\x1f"


def _kind(value):
    """What a plan is made for: the value's type, a date and time's awareness."""
    if isinstance(value, (list, tuple)):
        return (len(value), tuple(_kind(item) for item in value))
    if isinstance(value, datetime):
        return (datetime, value.tzinfo is not None)
    return type(value)


def _plannable(value):
    """Whether ``value`` can go into a plan: an int a column holds, an aware date and
    time, a string, or a list of those. Anything else (None, True, a naive time,
    which Django would first make aware) is evaluated as an ordinary queryset."""
    if isinstance(value, (list, tuple)):
        return all(map(_plannable, value))
    if type(value) is int:
        return value in BIGINT
    if isinstance(value, datetime):
        return value.tzinfo is not None
    return type(value) is str


def _shape(values):
    return tuple(sorted((name, _kind(value)) for name, value in values.items()))


@dataclass(frozen=True)
class _Plan:
    """A queryset compiled with stand-ins: its SQL, and for each parameter either
    its value (``places[i]`` None) or where the request's value goes: ``(name,
    index within a list or None, conversion)``."""

    queryset: object
    compiler: object
    vendor: str
    sql: str
    constants: tuple
    places: tuple
    #: How each column read is converted (the compiler works it out per evaluation).
    converters: dict

    def params(self, values):
        params = list(self.constants)
        for position, place in enumerate(self.places):
            if place is not None:
                name, index, convert = place
                value = values[name]
                if index == "all":
                    params[position] = [convert(item) for item in value]
                else:
                    params[position] = convert(value if index is None else value[index])
        return params


def _conversions(connection):
    """How a value may reach the database: as it is, or adapted as a date and time
    (SQLite receives text)."""
    return (
        lambda value: value,
        connection.ops.adapt_datetimefield_value,
    )


class CompiledQuery:
    """``build(**values)`` (a function returning a queryset of model instances)
    evaluated with its SQL compiled once per process and shape.

    ``CompiledQuery(build)(**values)`` returns ``list(build(**values))``. The values
    are ints, strings, aware dates and times, or lists of those (``pk__in``), and
    ``build`` passes them to the ORM as they are, as lookup values, without
    branching on them; other values are evaluated as an ordinary queryset. Plans are
    kept per process and kind of values, and remade for another database engine
    (several threads may make the same plan once each; each evaluation has its own
    compiler).
    """

    def __init__(self, build):
        self.build = build
        self._plans = {}

    def __call__(self, **values):
        if not all(map(_plannable, values.values())):
            return list(self.build(**values))
        shape = _shape(values)
        plan = self._plans.get(shape)
        if plan is not None:
            queryset = plan.queryset
            if connections[queryset.db].vendor == plan.vendor:
                return self._run(plan, values)
        elif shape in self._plans or len(self._plans) >= SHAPES_KEPT:
            # None: this shape is not compiled ahead.
            return list(self.build(**values))
        try:
            plan = self._plans[shape] = self._plan(values)
        except _NotCompiled as reason:
            logger.debug("Not compiled ahead: %s", reason)
            self._plans[shape] = None
            return list(self.build(**values))
        return self._run(plan, values)

    def _plan(self, values):
        stand_ins, compiled = [], []
        for run in (0, 1):
            slot = iter(range(10**6))
            stand_in = {
                name: (
                    [_stand_in(item, run, next(slot)) for item in value]
                    if isinstance(value, (list, tuple))
                    else _stand_in(value, run, next(slot))
                )
                for name, value in sorted(values.items())
            }
            try:
                queryset = self.build(**stand_in)
                compiler = queryset.query.get_compiler(using=queryset.db)
                sql, params = compiler.as_sql()
            except (EmptyResultSet, FullResultSet, TypeError, ValueError) as error:
                # The values themselves may be fine: they are evaluated as given.
                raise _NotCompiled(f"{type(error).__name__} with stand-ins") from None
            stand_ins.append(stand_in)
            compiled.append((queryset, compiler, sql, tuple(params)))
        (queryset, compiler, sql, params), (_, _, other_sql, other_params) = compiled
        if sql != other_sql or len(params) != len(other_params):
            raise _NotCompiled("its SQL depends on the values")
        places = self._places(compiler.connection, stand_ins, params, other_params)
        columns = [column[0] for column in compiler.select[: compiler.col_count]]
        return _Plan(
            queryset=queryset,
            compiler=compiler,
            vendor=compiler.connection.vendor,
            sql=sql,
            constants=params,
            places=places,
            converters=compiler.get_converters(columns),
        )

    def _places(self, connection, stand_ins, params, other_params):
        """Where each value goes among ``params`` (see :class:`_Plan`)."""
        # Each value's stand-in of both runs, and of each item of a list.
        slots = []
        for name, value in stand_ins[0].items():
            other = stand_ins[1][name]
            if isinstance(value, list):
                slots.append((name, "all", value, other))
                slots += [
                    (name, index, item, other[index])
                    for index, item in enumerate(value)
                ]
            else:
                slots.append((name, None, value, other))
        places = []
        for param, other_param in zip(params, other_params, strict=True):
            if _same(param, other_param):
                places.append(None)
                continue
            places.append(self._place(connection, slots, param, other_param))
        return tuple(places)

    def _place(self, connection, slots, param, other_param):
        for name, index, value, other in slots:
            for convert in _conversions(connection):
                try:
                    if index == "all":
                        matches = list(param) == [convert(v) for v in value] and list(
                            other_param
                        ) == [convert(v) for v in other]
                    else:
                        matches = _same(param, convert(value)) and _same(
                            other_param, convert(other)
                        )
                except (TypeError, ValueError, AttributeError):
                    matches = False
                if matches:
                    return (name, index, convert)
        raise _NotCompiled(f"a parameter ({param!r}) is no value as given")

    def _run(self, plan, values):
        """Evaluate ``plan``'s queryset with ``values`` in its parameters, through
        Django's own iterable (model instances, related objects, converters,
        prefetches), without compiling it or working out its converters again."""
        queryset = plan.queryset._chain()
        compiler = copy.copy(plan.compiler)
        compiler.connection = connections[queryset.db]
        compiler.using = queryset.db
        sql, params = plan.sql, plan.params(values)
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = lambda columns: plan.converters
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


def _same(a, b):
    return type(a) is type(b) and a == b
