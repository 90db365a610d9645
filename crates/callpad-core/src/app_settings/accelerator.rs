//! Checks a hotkey as a person types it (`ctrl+alt+d`, `Super + Space`) and spells it the one way
//! the desktop shell registers it (`Ctrl+Alt+D`): modifiers first, in a fixed order, then one key.
//! A global hotkey takes its keys from every other app, so it needs Ctrl, Alt or Super.

/// The canonical spelling of `keys`, or why it cannot be a hotkey (said to the person).
pub fn check_accelerator(keys: &str) -> Result<String, String> {
    let mut ctrl = false;
    let mut alt = false;
    let mut shift = false;
    let mut sup = false;
    let mut key: Option<String> = None;
    let parts: Vec<&str> = split(keys);
    if parts.is_empty() {
        return Err("no keys given; type them as e.g. Ctrl+Alt+D".to_owned());
    }
    for part in parts {
        let flag = match part.to_ascii_lowercase().as_str() {
            "ctrl" | "control" | "cmdorctrl" | "commandorcontrol" | "cmdorcontrol"
            | "commandorctrl" => &mut ctrl,
            "alt" | "option" => &mut alt,
            "shift" => &mut shift,
            "super" | "meta" | "cmd" | "command" | "win" => &mut sup,
            _ => {
                if let Some(first) = &key {
                    return Err(format!(
                        "\"{first}\" and \"{part}\" are both keys; a hotkey is modifiers and one key, e.g. Ctrl+Alt+D"
                    ));
                }
                key = Some(key_name(part).ok_or_else(|| {
                    format!(
                        "\"{part}\" is not a key Callpad can register; use a letter, a digit, F1–F24, Space, or an arrow"
                    )
                })?);
                continue;
            }
        };
        *flag = true;
    }
    let Some(key) = key else {
        return Err("only modifiers were given; add a key, e.g. Ctrl+Alt+D".to_owned());
    };
    if !(ctrl || alt || sup) {
        return Err(format!(
            "a global hotkey needs Ctrl, Alt or Super, or it would take \"{key}\" from every other app"
        ));
    }
    let mut out = Vec::new();
    for (on, name) in [
        (ctrl, "Ctrl"),
        (alt, "Alt"),
        (shift, "Shift"),
        (sup, "Super"),
    ] {
        if on {
            out.push(name.to_owned());
        }
    }
    out.push(key);
    Ok(out.join("+"))
}

/// Splits on `+`, keeping a `+` that is itself the key (`Ctrl++` is not supported: say `Equal`).
fn split(keys: &str) -> Vec<&str> {
    keys.split('+')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The registered name of one non-modifier key.
fn key_name(part: &str) -> Option<String> {
    let lower = part.to_ascii_lowercase();
    let mut chars = part.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_ascii_alphanumeric()
    {
        return Some(c.to_ascii_uppercase().to_string());
    }
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok())
        && (1..=24).contains(&n)
        && !lower.starts_with("f0")
    {
        return Some(format!("F{n}"));
    }
    let named = [
        ("space", "Space"),
        ("enter", "Enter"),
        ("return", "Enter"),
        ("tab", "Tab"),
        ("escape", "Escape"),
        ("esc", "Escape"),
        ("up", "Up"),
        ("arrowup", "Up"),
        ("down", "Down"),
        ("arrowdown", "Down"),
        ("left", "Left"),
        ("arrowleft", "Left"),
        ("right", "Right"),
        ("arrowright", "Right"),
        ("home", "Home"),
        ("end", "End"),
        ("pageup", "PageUp"),
        ("pagedown", "PageDown"),
        ("insert", "Insert"),
        ("delete", "Delete"),
        ("backspace", "Backspace"),
        ("comma", "Comma"),
        (",", "Comma"),
        ("period", "Period"),
        (".", "Period"),
        ("slash", "Slash"),
        ("/", "Slash"),
        ("semicolon", "Semicolon"),
        (";", "Semicolon"),
        ("minus", "Minus"),
        ("-", "Minus"),
        ("equal", "Equal"),
        ("=", "Equal"),
    ];
    named
        .iter()
        .find(|(typed, _)| *typed == lower)
        .map(|(_, name)| (*name).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms_are_spelled_one_way() {
        for (typed, canonical) in [
            ("ctrl+alt+d", "Ctrl+Alt+D"),
            ("Alt + Control + d", "Ctrl+Alt+D"),
            ("super+space", "Super+Space"),
            ("CmdOrCtrl+Shift+f12", "Ctrl+Shift+F12"),
            ("ctrl+alt+7", "Ctrl+Alt+7"),
            ("Meta+Alt+ArrowUp", "Alt+Super+Up"),
            ("ctrl+alt+,", "Ctrl+Alt+Comma"),
        ] {
            assert_eq!(
                check_accelerator(typed).as_deref(),
                Ok(canonical),
                "{typed}"
            );
        }
    }

    #[test]
    fn unusable_hotkeys_say_what_is_wrong() {
        for (typed, says) in [
            ("", "no keys"),
            ("ctrl+alt", "only modifiers"),
            ("shift+a", "needs Ctrl, Alt or Super"),
            ("d", "needs Ctrl, Alt or Super"),
            ("ctrl+a+b", "both keys"),
            ("ctrl+f25", "not a key"),
            ("ctrl+f0", "not a key"),
            ("ctrl+é", "not a key"),
            ("ctrl+🙂", "not a key"),
        ] {
            let err = check_accelerator(typed).unwrap_err();
            assert!(err.contains(says), "{typed}: {err}");
        }
    }
}
