//! Display choices: high contrast and the colour scheme redraw with their theme.

use super::*;

#[test]
fn contrast_and_colour_scheme_redraw_with_the_theme() {
    let (mut p, _) = page("");
    let light = p.theme();
    let fx = p.update(Action::Button(Button::Contrast));
    assert!(fx.contains(&Effect::Contrast(true)) && fx.contains(&Effect::Redraw));
    assert_ne!(p.theme(), light);
    p.update(Action::Button(Button::Contrast));
    assert!(p
        .update(Action::ColorScheme { dark: true })
        .contains(&Effect::Redraw));
    assert_eq!(p.theme(), Theme::dark());
}
