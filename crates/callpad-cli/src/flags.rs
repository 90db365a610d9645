//! Numeric flags with an allowed range, read so that a negative number is refused with that
//! range (clap alone calls `-5` an unexpected argument) and out-of-range values too (exit 2).
//! Use with `#[arg(long, allow_negative_numbers = true, value_parser = flags::range(1, 1000))]`.

/// A clap value parser for a whole number from `min` to `max`.
pub fn range<T>(min: T, max: T) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync
where
    T: TryFrom<i128> + Copy + std::fmt::Display + Send + Sync + 'static,
    i128: TryFrom<T>,
{
    let wide = |v: T| i128::try_from(v).unwrap_or(i128::MAX);
    move |text: &str| {
        let allowed = || format!("it must be a whole number from {min} to {max}");
        let n: i128 = text
            .trim()
            .parse()
            .map_err(|_| format!("\"{text}\" is not a number; {}", allowed()))?;
        if n < wide(min) || n > wide(max) {
            return Err(format!("{n} is out of range; {}", allowed()));
        }
        T::try_from(n).map_err(|_| allowed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_range_pass_and_others_say_the_range() {
        let limit = range(1usize, 10_000);
        assert_eq!(limit("25"), Ok(25));
        assert_eq!(limit("1"), Ok(1));
        assert_eq!(
            limit("0").unwrap_err(),
            "0 is out of range; it must be a whole number from 1 to 10000"
        );
        assert!(limit("-5").unwrap_err().contains("from 1 to 10000"));
        assert!(limit("ten").unwrap_err().contains("is not a number"));
        assert!(limit("99999999999999999999999999").is_err());
        let seconds = range(1u32, 600);
        assert_eq!(seconds("600"), Ok(600));
        assert!(seconds("601").is_err());
    }
}
