"""Check digits of the synthetic identifiers the corpus and benchmark generators write: one
place, so every generator agrees with Sources/NokoriDetect/Validators/MyNumberValidator.swift."""

MY_NUMBER_WEIGHTS = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def my_number_check_digit(base):
    """The check digit (0-9) of an 11-digit My Number base, given as a string or a list of ints."""
    r = sum(int(d) * w for d, w in zip(base, MY_NUMBER_WEIGHTS)) % 11
    return 0 if r <= 1 else 11 - r


def mrz_check_digit(s):
    """The ICAO 9303 check digit (a string) of an MRZ field: weights 7, 3, 1; A=10 … Z=35, < = 0."""
    def value(c):
        if c.isdigit():
            return int(c)
        if c.isalpha():
            return ord(c) - 55
        return 0
    return str(sum(value(c) * [7, 3, 1][i % 3] for i, c in enumerate(s)) % 10)
