//! The message template: `{first_name}`, `{name}`, `{date}`, `{time}`, `{with}`, `{place}` and any
//! imported column by its header (`{Doctor}`, `{room_no}`; case, spaces and punctuation do not
//! matter). `{{` and `}}` are literal braces. [`Template::parse`] checks every placeholder against
//! the columns before anything starts; [`Template::render`] fills one recipient's.

use jiff::civil::DateTime;

use super::spoken::{spoken_date, spoken_time};
use crate::{Error, Result};

/// Columns `{with}` is read from, in order.
pub const WITH_COLUMNS: &[&str] = &[
    "with",
    "provider",
    "staff",
    "doctor",
    "stylist",
    "technician",
];
/// Columns `{place}` is read from, in order.
pub const PLACE_COLUMNS: &[&str] = &["place", "location", "clinic", "branch", "address"];
/// Columns `{first_name}` is read from before the first word of the name.
pub const FIRST_NAME_COLUMNS: &[&str] = &["first_name", "given_name", "firstname"];

/// A checked template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    FirstName,
    Name,
    Date,
    Time,
    /// A column, by its index in the recipient's columns; `placeholder` is as written.
    Column {
        index: usize,
        placeholder: String,
    },
}

/// One recipient's values, as the template reads them.
pub struct Fill<'a> {
    pub name: &'a str,
    /// The imported cells, in the order of the campaign's columns.
    pub cells: &'a [String],
    pub appointment: Option<DateTime>,
}

/// `Doctor's Name` → `doctor_s_name`: how headers and placeholders are compared.
pub fn key_of(header: &str) -> String {
    let mut out = String::new();
    for c in header.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

impl Template {
    /// Checks `text` against the campaign's `columns` (headers as imported). `has_appointment`
    /// says whether an appointment column was named (for `{date}` and `{time}`).
    pub fn parse(text: &str, columns: &[String], has_appointment: bool) -> Result<Template> {
        let bad = |reason: String| Error::InvalidCampaign {
            field: "template".to_owned(),
            reason,
        };
        if text.trim().is_empty() {
            return Err(bad(
                "the message is empty; write what the call should say".to_owned()
            ));
        }
        let keys: Vec<String> = columns.iter().map(|c| key_of(c)).collect();
        let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
        let mut parts = Vec::new();
        let mut text_part = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|p| p.1) == Some('{') => {
                    chars.next();
                    text_part.push('{');
                }
                '}' if chars.peek().map(|p| p.1) == Some('}') => {
                    chars.next();
                    text_part.push('}');
                }
                '}' => {
                    return Err(bad(format!(
                        "a }} at character {} closes nothing; write }}}} for a brace",
                        at + 1
                    )));
                }
                '{' => {
                    let rest = &text[at + 1..];
                    let Some(end) = rest.find('}') else {
                        return Err(bad(format!(
                            "the {{ at character {} is never closed; write {{{{ for a brace",
                            at + 1
                        )));
                    };
                    let placeholder = &rest[..end];
                    for _ in 0..placeholder.chars().count() + 1 {
                        chars.next();
                    }
                    if !text_part.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text_part)));
                    }
                    let key = key_of(placeholder);
                    let column = |index: usize| Part::Column {
                        index,
                        placeholder: placeholder.to_owned(),
                    };
                    let part = if let Some(i) = keys.iter().position(|k| *k == key) {
                        match key.as_str() {
                            "name" => Part::Name,
                            _ => column(i),
                        }
                    } else {
                        match key.as_str() {
                            "name" => Part::Name,
                            "first_name" => {
                                find(FIRST_NAME_COLUMNS).map_or(Part::FirstName, column)
                            }
                            "date" | "time" if !has_appointment => {
                                return Err(bad(format!(
                                    "{{{placeholder}}} needs the appointment column: name it (--before COLUMN:HOURS or the appointment setting)"
                                )));
                            }
                            "date" => Part::Date,
                            "time" => Part::Time,
                            "with" => column(find(WITH_COLUMNS).ok_or_else(|| {
                                bad(format!(
                                    "{{with}} needs a column named one of {}",
                                    WITH_COLUMNS.join(", ")
                                ))
                            })?),
                            "place" => column(find(PLACE_COLUMNS).ok_or_else(|| {
                                bad(format!(
                                    "{{place}} needs a column named one of {}",
                                    PLACE_COLUMNS.join(", ")
                                ))
                            })?),
                            _ => {
                                return Err(bad(format!(
                                    "{{{placeholder}}} is not a placeholder: use {{first_name}}, {{name}}, {{date}}, {{time}}, {{with}}, {{place}} or a column ({})",
                                    columns.join(", ")
                                )));
                            }
                        }
                    };
                    parts.push(part);
                }
                _ => text_part.push(c),
            }
        }
        if !text_part.is_empty() {
            parts.push(Part::Text(text_part));
        }
        Ok(Template { parts })
    }

    /// The message for one recipient. A placeholder whose cell is empty is an error naming it
    /// (the recipient is held back, not called with a blank).
    pub fn render(&self, fill: &Fill<'_>) -> std::result::Result<String, String> {
        let mut out = String::new();
        for part in &self.parts {
            let value = match part {
                Part::Text(t) => t.clone(),
                Part::Name => fill.name.trim().to_owned(),
                Part::FirstName => fill.name.split_whitespace().next().unwrap_or("").to_owned(),
                Part::Date => fill
                    .appointment
                    .map(|a| spoken_date(a.date()))
                    .unwrap_or_default(),
                Part::Time => fill
                    .appointment
                    .map(|a| spoken_time(a.hour(), a.minute()))
                    .unwrap_or_default(),
                Part::Column { index, .. } => fill
                    .cells
                    .get(*index)
                    .map(|c| c.trim().to_owned())
                    .unwrap_or_default(),
            };
            if value.is_empty() && !matches!(part, Part::Text(_)) {
                return Err(format!(
                    "{{{}}} is empty for this recipient",
                    placeholder_name(part)
                ));
            }
            out.push_str(&value);
        }
        Ok(out)
    }
}

fn placeholder_name(part: &Part) -> &str {
    match part {
        Part::Text(_) => "",
        Part::FirstName => "first_name",
        Part::Name => "name",
        Part::Date => "date",
        Part::Time => "time",
        Part::Column { placeholder, .. } => placeholder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn placeholders_and_columns_are_filled() {
        let columns = cols(&[
            "Name",
            "Phone",
            "Appointment",
            "Doctor",
            "Clinic",
            "Room No.",
        ]);
        let t = Template::parse(
            "Hi {first_name}, {Name} sees {with} at {place} on {date} at {time}, room {room_no} {{ok}}",
            &columns,
            true,
        )
        .unwrap();
        let cells = cols(&[
            "Ada Lovelace",
            "+442079460958",
            "2024-12-03 14:30",
            "Dr Byron",
            "Main St",
            "4",
        ]);
        let fill = Fill {
            name: "Ada Lovelace",
            cells: &cells,
            appointment: Some(DateTime::new(2024, 12, 3, 14, 30, 0, 0).unwrap()),
        };
        assert_eq!(
            t.render(&fill).unwrap(),
            "Hi Ada, Ada Lovelace sees Dr Byron at Main St on Tuesday the 3rd of December at 2:30 PM, room 4 {ok}"
        );
    }

    #[test]
    fn unknown_and_unusable_placeholders_are_errors_before_start() {
        let columns = cols(&["name", "phone"]);
        let err = |t: &str, appt| Template::parse(t, &columns, appt).unwrap_err().to_string();
        assert!(err("Hi {nmae}", false).contains("{nmae} is not a placeholder"));
        assert!(err("on {date}", false).contains("appointment column"));
        assert!(err("with {with}", true).contains("provider"));
        assert!(err("Hi {name", false).contains("never closed"));
        assert!(err("Hi name}", false).contains("closes nothing"));
        assert!(err("  ", false).contains("empty"));
    }

    #[test]
    fn an_empty_cell_holds_the_recipient_back_by_name() {
        let columns = cols(&["name", "phone", "with"]);
        let t = Template::parse("See {with}", &columns, false).unwrap();
        let cells = cols(&["Bo", "+15550100", " "]);
        let fill = Fill {
            name: "Bo",
            cells: &cells,
            appointment: None,
        };
        assert_eq!(
            t.render(&fill).unwrap_err(),
            "{with} is empty for this recipient"
        );
    }

    #[test]
    fn swml_variables_in_cells_are_kept_as_text_here() {
        // Neutralising is the script's job (say: URLs); the template keeps text as written.
        let columns = cols(&["name", "phone"]);
        let t = Template::parse("Hi {name}", &columns, false).unwrap();
        let cells = cols(&["${envs.secret}", "+1"]);
        let fill = Fill {
            name: "${envs.secret}",
            cells: &cells,
            appointment: None,
        };
        assert_eq!(t.render(&fill).unwrap(), "Hi ${envs.secret}");
    }
}
