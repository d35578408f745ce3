//! Starting the page: nothing open at first and the entry numbered, a Korean page and its
//! fallback on a bad translation file, refusing events out of date order, synthetic items.

use super::*;

#[test]
fn starts_with_nothing_open_and_numbers_its_entry() {
    let (p, fx) = page("");
    assert_eq!(p.route(), Route::default());
    assert!(fx.contains(&Effect::NumberEntry(0)));
    assert!(fx.contains(&Effect::Note(false)));
    assert_eq!(details(&fx), Some(None));
    assert_eq!(
        focus(&fx),
        None,
        "a plain visit keeps the focus where it is"
    );
}

#[test]
fn the_interface_and_lists_are_rewritten_only_in_a_language_the_page_was_not_written_in() {
    let rewritten = |lang, written_in| {
        let mut b = boot("");
        (b.lang, b.written_in) = (lang, written_in);
        let (_, fx) = Page::new(bundle(), None, b).unwrap();
        let lists = fx
            .iter()
            .filter(|e| matches!(e, Effect::ListItems(_)))
            .count();
        let interface = fx
            .into_iter()
            .filter(|e| matches!(e, Effect::Interface(_)))
            .collect::<Vec<_>>();
        (interface, lists)
    };
    // index.html in a Korean browser; index.ko.html with ?lang=en; each page in its own.
    assert_eq!(
        rewritten(Lang::Ko, Lang::En),
        (vec![Effect::Interface(Lang::Ko)], 1)
    );
    assert_eq!(
        rewritten(Lang::En, Lang::Ko),
        (vec![Effect::Interface(Lang::En)], 1)
    );
    assert_eq!(rewritten(Lang::Ko, Lang::Ko), (vec![], 0));
    assert_eq!(rewritten(Lang::En, Lang::En), (vec![], 0));
}

#[test]
fn korean_page_rewrites_the_list_and_falls_back_on_bad_translations() {
    let mut b = boot("#event=famine");
    b.lang = Lang::Ko;
    let (p, fx) = Page::new(bundle(), None, b.clone()).unwrap();
    assert!(fx.contains(&Effect::Interface(Lang::Ko)));
    let items = fx
        .iter()
        .find_map(|e| match e {
            Effect::ListItems(i) => Some(i.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(items.len(), 3 + 2, "the events, then the sources");
    assert!(items[0].text_content().contains("1994년"));
    assert_eq!(items[3].get("id"), Some("src-a"));
    assert!(items[3].text_content().contains("2018년 11월 1일"));
    assert_eq!(p.strings().lang, Lang::Ko);
    // The axis is labelled in Korean too, after a resize and in the handout's image.
    let korean = |st: &AppState| {
        let ticks = &st.layout().ticks;
        !ticks.is_empty() && ticks.iter().all(|t| t.tick.label.contains('년'))
    };
    assert!(korean(&p.view), "{:?}", p.view.layout().ticks);
    assert!(korean(&p.print_view()));
    let mut resized = p.view.clone();
    resized.update(ViewAction::Resize {
        width: 600.0,
        height: 300.0,
        dpr: 2.0,
    });
    assert!(korean(&resized));
    let (en, _) = page("");
    assert!(en
        .view
        .layout()
        .ticks
        .iter()
        .all(|t| !t.tick.label.contains('년')));
    let (_, fx) = Page::new(bundle(), Some(Err("data.ko.json: bad".into())), b).unwrap();
    assert!(fx.contains(&Effect::Error("data.ko.json: bad".into())));
}

#[test]
fn events_out_of_date_order_are_refused() {
    let mut b = bundle();
    b.events.swap(0, 2);
    let err = Page::new(b, None, boot("")).err().unwrap();
    assert!(err.contains("date order"), "{err}");
}

#[test]
fn synthetic_items_leave_events_alone() {
    let mut b = boot("#event=sold");
    b.synthetic = 500;
    let (mut p, _) = Page::new(bundle(), None, b).unwrap();
    assert_eq!(p.view().items().len(), 500);
    assert_eq!(p.route().event, None);
    let fx = p.update(key("ArrowRight"));
    assert_eq!(address(&fx), None);
    assert!(p.update(Action::SetQuery("x".into())).is_empty());
}

#[test]
fn what_the_first_frame_shows_is_settled_before_it_and_the_rest_waits() {
    let mut b = boot("#event=famine");
    b.note_seen = false;
    b.high_contrast = true;
    b.history_light = true;
    let (_, fx) = Page::new(bundle(), None, b).unwrap();
    let (now, later): (Vec<_>, Vec<_>) = fx.into_iter().partition(Effect::before_first_frame);
    // How the page looks in that frame: the note over it, the colours, the language, the title.
    assert!(now.contains(&Effect::Note(true)));
    assert!(now.contains(&Effect::Contrast(true)));
    // index.html in English: its interface strings are already English.
    assert!(!now.iter().any(|e| matches!(e, Effect::Interface(_))));
    assert!(now.iter().any(|e| matches!(e, Effect::Title(_))));
    assert!(now.iter().any(|e| matches!(e, Effect::Choices { .. })));
    // The heavier DOM work and what reads layout (focus) come once the frame is on screen.
    assert!(later.contains(&Effect::NumberEntry(0)));
    assert!(later.iter().any(|e| matches!(e, Effect::Details(Some(_)))));
    assert!(later.iter().any(|e| matches!(e, Effect::Focus(_))));
    assert!(later.iter().any(|e| matches!(e, Effect::List { .. })));
    assert!(!later.iter().any(Effect::before_first_frame));
}

#[test]
fn the_size_the_page_started_with_changes_nothing() {
    // The ResizeObserver's first call repeats the size the start read; it must not redraw or
    // write the DOM (the web layer then keeps the start's held-back effects for after the frame).
    let (mut p, _) = page("");
    let b = boot("");
    let fx = p.update(Action::Resize {
        width: b.width,
        height: b.height,
        dpr: b.dpr,
    });
    assert!(fx.is_empty(), "expected no effects, got {fx:?}");
    let fx = p.update(Action::Resize {
        width: b.width - 20.0,
        height: b.height,
        dpr: b.dpr,
    });
    assert!(fx.contains(&Effect::Redraw));
}

#[test]
fn the_organisation_filter_takes_its_choices_from_the_languages_file() {
    let tr = Translations {
        version: crate::data::BUNDLE_VERSION,
        lang: "ko".into(),
        events: Default::default(),
        actors: vec![("Rights groups".into(), "인권 단체".into())],
        sources: Default::default(),
    };
    let mut b = boot("");
    b.lang = Lang::Ko;
    let (_, fx) = Page::new(bundle(), Some(Ok(tr.clone())), b.clone()).unwrap();
    assert!(fx.contains(&Effect::ActorOptions {
        options: vec![("Rights groups".into(), "인권 단체".into())],
        chosen: String::new(),
    }));
    // A file without them (an older build) leaves the choices as the page has them.
    let (_, fx) = Page::new(
        bundle(),
        Some(Ok(Translations {
            actors: vec![],
            ..tr
        })),
        b,
    )
    .unwrap();
    assert!(!fx.iter().any(|e| matches!(e, Effect::ActorOptions { .. })));
}

/// The header's language links offer the languages not shown, at the same place: a Korean
/// browser on index.html sees Korean and is offered English (`?lang=en`, or index.html would
/// follow the browser back to Korean); the links follow the selection and the address.
#[test]
fn the_language_links_offer_the_languages_not_shown_at_the_same_place() {
    let links = |fx: &[Effect]| {
        fx.iter()
            .rev()
            .find_map(|e| match e {
                Effect::LangLinks(nodes) => Some(crate::html::to_html(nodes)),
                _ => None,
            })
            .expect("the links are kept right")
    };
    let mut b = boot("");
    (b.lang, b.written_in) = (Lang::Ko, Lang::En);
    let (mut p, fx) = Page::new(bundle(), None, b).unwrap();
    assert_eq!(
        links(&fx),
        "<a href=\"index.html?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"
    );
    let fx = p.update(key("ArrowRight"));
    let (hash, _) = address(&fx).expect("the selection is in the address");
    assert!(hash.starts_with("#event="), "{hash}");
    assert_eq!(
        links(&fx),
        format!("<a href=\"index.html?lang=en{hash}\" hreflang=\"en\" lang=\"en\">English</a>")
    );
    let fx = p.update(Action::AddressChanged {
        hash: "#source=a".into(),
        entry: None,
    });
    assert!(links(&fx).contains("href=\"index.html?lang=en#source=a\""));
    // index.ko.html with ?lang=en shows English and offers Korean.
    let mut b = boot("#event=famine");
    (b.lang, b.written_in) = (Lang::En, Lang::Ko);
    let (_, fx) = Page::new(bundle(), None, b).unwrap();
    assert_eq!(
        links(&fx),
        "<a href=\"index.ko.html#event=famine\" hreflang=\"ko\" lang=\"ko\">한국어</a>"
    );
}
