//! Walking every page of a paged listing.
//!
//! One walk ([`pages`]) serves the typed streams of the generated API ([`items`]) and the
//! command line's `--all` alike: it starts at a page, fetches the next one only when the
//! previous one was used, ends on an empty page or once the total the responses give is
//! reached, and stops with an error after [`MAX_PAGES`] pages, against a server that never
//! sends an empty page or a total.

use std::future::Future;

use futures_core::Stream;

/// The stream methods (`next`, `try_collect`...), re-exported so that walking
/// [`items`] needs no dependency of its own: `use dondominio::paging::StreamExt;`. To collect
/// every item at once, [`Call::all_items`](crate::Call::all_items).
pub use futures_util::{StreamExt, TryStreamExt};

use crate::client::Request;
use crate::{Client, Error};

/// The most pages one walk fetches before it gives up with an error
/// ([`Error::TooManyPages`] for [`items`]).
pub const MAX_PAGES: u64 = 100_000;

/// A paged listing: `page`/`pageLength` in, `queryInfo` and a list of items out.
pub trait Paged: Request + Clone {
    /// One item of the list.
    type Item;
    /// Sets the page to ask for.
    fn set_page(&mut self, page: i64);
    /// The page the parameters start at.
    fn first_page(&self) -> i64;
    /// The total number of items over all pages (when the response says), and this page's items.
    fn split(response: Self::Response) -> (Option<i64>, Vec<Self::Item>);
}

/// Every page of a listing from `first_page` on, as `fetch(page)` returns it.
///
/// `size` tells of a fetched page the total number of items over all pages (when the response
/// gives it) and the number of items on this page. The walk ends after an empty page, or once
/// the pages seen hold `total` items; a page is fetched only when the stream is polled for
/// it. An error of `fetch` is yielded and ends the walk. After [`MAX_PAGES`] pages without an
/// end, the walk yields `too_many(MAX_PAGES)` and ends.
///
/// The stream is `Unpin` (it is boxed once).
pub fn pages<'a, R, E, F, Fut>(
    first_page: i64,
    fetch: F,
    size: impl Fn(&R) -> (Option<i64>, usize) + 'a,
    too_many: impl Fn(u64) -> E + 'a,
) -> impl Stream<Item = Result<R, E>> + Unpin + 'a
where
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<R, E>> + 'a,
    R: 'a,
    E: 'a,
{
    struct State<F, S, T> {
        fetch: F,
        size: S,
        too_many: T,
        page: i64,
        fetched: u64,
        seen: i64,
        done: bool,
    }
    let state = State {
        fetch,
        size,
        too_many,
        page: first_page,
        fetched: 0,
        seen: 0,
        done: false,
    };
    Box::pin(futures_util::stream::unfold(state, |mut s| async move {
        if s.done {
            return None;
        }
        if s.fetched >= MAX_PAGES {
            s.done = true;
            return Some((Err((s.too_many)(MAX_PAGES)), s));
        }
        let result = (s.fetch)(s.page).await;
        s.fetched += 1;
        s.page += 1;
        match &result {
            Err(_) => s.done = true,
            Ok(page) => {
                let (total, len) = (s.size)(page);
                s.seen = s
                    .seen
                    .saturating_add(i64::try_from(len).unwrap_or(i64::MAX));
                if len == 0 || total.is_some_and(|t| s.seen >= t) {
                    s.done = true;
                }
            }
        }
        Some((result, s))
    }))
}

/// Every item of every page from `params`' page on ([`pages`] over the typed responses). A
/// page is fetched only when the previous one is used up; the walk ends on an empty page or
/// once `total` items have been seen, and fails with [`Error::TooManyPages`] after
/// [`MAX_PAGES`] pages.
///
/// The stream is `Unpin` (it is boxed once), so `while let Some(item) = items.next().await`
/// works without `pin!`.
pub fn items<'c, P>(
    client: &'c Client,
    params: P,
) -> impl Stream<Item = Result<P::Item, Error>> + Unpin + 'c
where
    P: Paged + 'c,
    P::Item: 'c,
{
    let first = params.first_page();
    let fetch = move |page| {
        let mut params = params.clone();
        params.set_page(page);
        async move { client.execute(&params).await.map(P::split) }
    };
    let size = |(total, items): &(Option<i64>, Vec<P::Item>)| (*total, items.len());
    let too_many = |pages| Error::TooManyPages {
        action: P::ACTION.info().path.to_owned(),
        pages,
    };
    pages(first, fetch, size, too_many)
        .map_ok(|(_, items)| futures_util::stream::iter(items.into_iter().map(Ok)))
        .try_flatten()
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt;

    use super::MAX_PAGES;

    /// The walk over pages of `per_page` items each (`total` given or not), from page 3: the
    /// pages asked for and the outcome of each.
    async fn walk_of(per_page: usize, total: Option<i64>) -> Vec<Result<i64, u64>> {
        let fetch = |page: i64| async move { Ok::<_, u64>((page, vec![(); per_page], total)) };
        let size = |(_, items, total): &(i64, Vec<()>, Option<i64>)| (*total, items.len());
        super::pages(3, fetch, size, |pages| pages)
            .map(|r| r.map(|(page, _, _)| page))
            .collect()
            .await
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_walk_ends_on_an_empty_page_at_the_total_or_at_the_cap() {
        assert_eq!(walk_of(0, None).await, [Ok(3)]);
        assert_eq!(walk_of(2, Some(5)).await, [Ok(3), Ok(4), Ok(5)]);
        // Never empty, no total: MAX_PAGES pages, then the cap's error, then nothing.
        let endless = walk_of(1, None).await;
        let pages: Vec<i64> = (3..).take(MAX_PAGES as usize).collect();
        let mut expected: Vec<Result<i64, u64>> = pages.into_iter().map(Ok).collect();
        expected.push(Err(MAX_PAGES));
        assert_eq!(endless, expected);
    }

    /// The page length a listing uses when `pageLength` is not sent comes from the spec alone
    /// (the sandbox reads it from there): every paged action states it, and its first page.
    #[test]
    fn every_paged_action_states_its_default_page_and_page_length() {
        for action in crate::Action::all() {
            let info = action.info();
            if !info.paged {
                continue;
            }
            for key in ["page", "pageLength"] {
                let default = info
                    .params
                    .iter()
                    .find(|p| p.name == key)
                    .and_then(|p| p.default)
                    .and_then(|d| d.parse::<i64>().ok());
                assert!(
                    default.is_some_and(|d| d >= 1),
                    "{}: `{key}` has no default of at least 1 in the spec",
                    info.path
                );
            }
        }
    }
}
