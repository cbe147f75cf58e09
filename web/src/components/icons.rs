//! `svg_icon`: small inline SVG icons (no icon font, no emoji: they render the same everywhere).
//! A plain function, not a component: it has no state, and each component type costs its own copy
//! of Yew's generic component code in the wasm (BENCHMARKS.md, "Web playground").

use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IconKind {
    Plus,
    Link,
    Trash,
    Copy,
    Left,
    Right,
    Close,
    Grid,
    Upload,
    Download,
    Error,
    Shield,
    Warning,
    Bulb,
}

pub fn svg_icon(kind: IconKind) -> Html {
    let path = match kind {
        IconKind::Plus => "M12 5v14M5 12h14",
        IconKind::Link => "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
        IconKind::Trash => "M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3",
        IconKind::Copy => "M9 9h10v10H9zM5 15V5h10",
        IconKind::Left => "M15 6l-6 6 6 6",
        IconKind::Right => "M9 6l6 6-6 6",
        IconKind::Close => "M6 6l12 12M18 6 6 18",
        IconKind::Grid => "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
        IconKind::Upload => "M12 16V4M7 9l5-5 5 5M5 20h14",
        IconKind::Download => "M12 4v12M7 11l5 5 5-5M5 20h14",
        IconKind::Error => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9 9l6 6M15 9l-6 6",
        IconKind::Shield => "M12 3 5 6v5c0 4.4 3 8.3 7 9.5 4-1.2 7-5.1 7-9.5V6l-7-3zM12 8v5M12 16v.5",
        IconKind::Warning => "M12 4 2.5 20h19L12 4zM12 10v4.5M12 17.5v.5",
        IconKind::Bulb => "M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z",
    };
    html! {
        <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={path} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}
