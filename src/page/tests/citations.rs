//! "Copy citation": what each button copies.

use super::*;

#[test]
fn copy_citation_copies_a_quote_an_event_or_a_source() {
    let b = bundle();
    let (mut p, _) = page("#event=sold");
    let copied = |fx: &[Effect]| -> Vec<String> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::CopyText(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    };
    // A quote: the source's citation and the passage verbatim.
    let fx = p.update(Action::CopyCitation(Cite::Quote(1)));
    let q = copied(&fx);
    assert_eq!(q.len(), 1);
    assert!(q[0].starts_with(&b.sources[0].citation), "{}", q[0]);
    assert!(
        q[0].contains("\u{201C}\"I was sold twice,\" she said.\u{201D}"),
        "{}",
        q[0]
    );
    assert_eq!(status(&fx, false), vec!["Citation copied.".to_string()]);
    // The event: its title and date, then both passages it quotes, each once.
    let e = copied(&p.update(Action::CopyCitation(Cite::Event)));
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("\u{201C}Women sold\u{201D} (2005)."),
        "{}",
        e[0]
    );
    assert_eq!(e[0].matches("\n- ").count(), 2, "{}", e[0]);
    assert!(e[0].contains("Women were sold to brokers."));
    // A source of the list, whatever is open.
    let s = copied(&p.update(Action::CopyCitation(Cite::Source("b".into()))));
    assert_eq!(s, vec![b.sources[1].citation.clone()]);
    assert!(s[0].contains("Story B") && s[0].contains("https://b.example/story"));
    // Nothing to cite: an unknown source, or an event citation with no event open.
    assert!(copied(&p.update(Action::CopyCitation(Cite::Source("zz".into())))).is_empty());
    let (mut none, _) = page("");
    assert!(copied(&none.update(Action::CopyCitation(Cite::Event))).is_empty());
}
