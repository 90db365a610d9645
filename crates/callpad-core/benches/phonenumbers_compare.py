"""The Python side of `cargo bench -p callpad-core --bench normalize`.

Reads the bench's input (one `REGION<TAB>TEXT` per line, REGION empty for none), does what
parse_dialable does for a phone number with python-phonenumbers (parse, is_valid_number, format
E.164), and writes one line per input to RESULTS: the E.164 form, or `-` when refused.
Prints `version V`, `accepted N` and `seconds S` (the timed pass only) on stdout.
Exits 3 when phonenumbers is not installed.

Usage: python3 phonenumbers_compare.py INPUT RESULTS
"""

import sys
import time

try:
    import phonenumbers
except ImportError:
    sys.exit(3)


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            region, _, text = line.rstrip("\n").partition("\t")
            rows.append((region or None, text))
    return rows


def dial(rows):
    parse = phonenumbers.parse
    is_valid = phonenumbers.is_valid_number
    fmt = phonenumbers.format_number
    e164 = phonenumbers.PhoneNumberFormat.E164
    failure = phonenumbers.NumberParseException
    out = []
    for region, text in rows:
        try:
            number = parse(text, region)
        except failure:
            out.append("-")
            continue
        out.append(fmt(number, e164) if is_valid(number) else "-")
    return out


def main():
    input_path, results_path = sys.argv[1], sys.argv[2]
    rows = read_rows(input_path)
    dial(rows)  # warm-up: loads every region's metadata, as the Rust side warms up too
    start = time.perf_counter()
    results = dial(rows)
    seconds = time.perf_counter() - start
    with open(results_path, "w", encoding="utf-8") as f:
        f.write("\n".join(results))
        f.write("\n")
    print("version", phonenumbers.__version__)
    print("accepted", sum(1 for r in results if r != "-"))
    print("seconds", seconds)


if __name__ == "__main__":
    main()
