#!/usr/bin/env python3
"""Make a synthetic Claude activity log (and roster) for `dealbench usage`.

One row per event, `user,region,timestamp` (RFC 3339, UTC), in time order,
as an admin activity export would list them; or, by flag, plain dates
(`--dates`), timestamps in each user's own UTC offset (`--offsets`: the same
instants written as `…+02:00`, `…-05:00`, `…+05:30`), and the rows in no
order at all (`--shuffle`). The users follow personas a
negotiator meets in real data:

  daily       35 %  most working days            -> counted daily
  weekly      25 %  one or two days most weeks   -> mostly weekly
  occasional  15 %  now and then                 -> monthly or dormant
  churned     10 %  stopped some time ago        -> dormant
  never       15 %  hold a seat, never used it   -> dormant (roster only)

About 1 % of users move to another region half-way through (their latest
events are in the new region), and the log carries some users who are not
on the roster (contractors, leavers) so `unknown_users` is exercised.

Defaults: 100,000 users, 180 days ending 2026-11-20, about 10 million rows.
Deterministic for a given --seed. Standard library only.

  scripts/gen-activity.py --out /tmp/events.csv --roster /tmp/roster.csv
"""

import argparse
import datetime as dt
import math
import random
import sys

REGIONS = [("na", 0.40), ("emea", 0.35), ("apac", 0.20), ("latam", 0.05)]
# persona: (share, p(active) on a weekday, p(active) on a weekend day)
PERSONAS = [
    ("daily", 0.35, 0.88, 0.10),
    ("weekly", 0.25, 0.30, 0.03),
    ("occasional", 0.15, 0.05, 0.01),
    ("churned", 0.10, 0.30, 0.02),
    ("never", 0.15, 0.0, 0.0),
]
NOT_ON_ROSTER = 0.005
# --offsets: each user's UTC offset in minutes, by region (one of two, by user)
OFFSETS = {"na": (-300, -480), "emea": (60, 120), "apac": (330, 540), "latam": (-180, -180)}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True, help="the activity log to write")
    p.add_argument("--roster", help="also write a roster of every seat holder")
    p.add_argument("--users", type=int, default=100_000)
    p.add_argument("--days", type=int, default=180)
    p.add_argument("--rows", type=int, default=10_000_000, help="about this many rows")
    p.add_argument("--end", default="2026-11-20", help="the last day of the log")
    p.add_argument("--dates", action="store_true", help="plain YYYY-MM-DD instead of timestamps")
    p.add_argument("--offsets", action="store_true",
                   help="timestamps in each user's UTC offset instead of Z")
    p.add_argument("--shuffle", action="store_true", help="rows in random order, not time order")
    p.add_argument("--seed", type=int, default=42)
    return p.parse_args()


def pick(rng, weighted):
    x, acc = rng.random(), 0.0
    for item in weighted:
        acc += item[1]
        if x < acc:
            return item
    return weighted[-1]


def make_users(rng, n, days):
    """Per user: id, persona, region, (move day, new region), last active day."""
    users = []
    for i in range(n):
        persona = pick(rng, PERSONAS)
        region = pick(rng, REGIONS)[0]
        move = None
        if rng.random() < 0.01:
            move = (rng.randrange(days // 3, days), pick(rng, REGIONS)[0])
        stop = rng.randrange(0, days - 35) if persona[0] == "churned" else days
        users.append((f"user{i:06d}@acme.example", persona, region, move, stop))
    return users


def active_days(rng, users, days, end):
    """For each day, the indices of the users active that day."""
    start = end - dt.timedelta(days=days - 1)
    per_day = []
    for day in range(days):
        weekend = (start + dt.timedelta(days=day)).weekday() >= 5
        active = [
            i
            for i, (_, persona, _, _, stop) in enumerate(users)
            if day < stop and rng.random() < persona[3 if weekend else 2]
        ]
        per_day.append(active)
    return start, per_day


def write_log(args, rng, users, start, per_day):
    pairs = sum(len(a) for a in per_day)
    extra = max(args.rows / max(pairs, 1) - 1.0, 0.0)
    # floor(an exponential of mean m) has mean 1 / (e^(1/m) - 1): solve for `extra`
    scale = 1.0 / math.log1p(1.0 / extra) if extra else 0.0
    rows = 0
    # Shuffled rows are kept until the end, shuffled by a generator of
    # their own: the roster then draws the same numbers as unshuffled.
    shuffled = [] if args.shuffle else None
    with open(args.out, "w", newline="") as out:
        out.write("user,region,timestamp\n")
        for day, active in enumerate(per_day):
            date = (start + dt.timedelta(days=day)).isoformat()
            events = []
            for i in active:
                user, _, region, move, _ = users[i]
                if move and day >= move[0]:
                    region = move[1]
                for _ in range(1 + int(rng.expovariate(1.0 / scale)) if scale else 1):
                    events.append((rng.randrange(86_400), user, region, i))
            events.sort()
            if args.dates:
                lines = [f"{u},{r},{date}\n" for _, u, r, _ in events]
            elif args.offsets:
                lines = [offset_line(start, day, s, u, r, i) for s, u, r, i in events]
            else:
                lines = [
                    f"{u},{r},{date}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z\n"
                    for s, u, r, _ in events
                ]
            if shuffled is not None:
                shuffled.extend(lines)
                continue
            out.write("".join(lines))
            rows += len(lines)
        if shuffled is not None:
            random.Random(args.seed + 1).shuffle(shuffled)
            out.write("".join(shuffled))
            rows = len(shuffled)
    return rows


def offset_line(start, day, s, user, region, index):
    """The event at second `s` (UTC) of `day`, written in the user's offset."""
    minutes = OFFSETS[region][index % 2]
    wall = s + minutes * 60
    date = (start + dt.timedelta(days=day + wall // 86_400)).isoformat()
    wall %= 86_400
    sign, m = ("+" if minutes >= 0 else "-"), abs(minutes)
    return (f"{user},{region},{date}T{wall // 3600:02d}:{wall // 60 % 60:02d}:{wall % 60:02d}"
            f"{sign}{m // 60:02d}:{m % 60:02d}\n")


def write_roster(path, rng, users):
    with open(path, "w", newline="") as out:
        out.write("user,region\n")
        for user, _, region, move, _ in users:
            if rng.random() < NOT_ON_ROSTER:
                continue
            out.write(f"{user},{move[1] if move else region}\n")


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    end = dt.date.fromisoformat(args.end)
    users = make_users(rng, args.users, args.days)
    start, per_day = active_days(rng, users, args.days, end)
    rows = write_log(args, rng, users, start, per_day)
    if args.roster:
        write_roster(args.roster, rng, users)
    print(f"wrote {rows:,} rows for {args.users:,} users over {args.days} days "
          f"({start} … {end}) to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
