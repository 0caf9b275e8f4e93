//! Walking every page of a paged listing.

use futures_core::Stream;

/// The stream methods (`next`, `try_collect`...), re-exported so that walking
/// [`items`] needs no dependency of its own: `use dondominio::paging::StreamExt;`. To collect
/// every item at once, [`Call::all_items`](crate::Call::all_items).
pub use futures_util::{StreamExt, TryStreamExt};

use crate::client::Request;
use crate::{Client, Error};

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

/// Every item of every page from `params`' page on. A page is fetched only when the previous one
/// is used up; the walk ends on an empty page or once `total` items have been seen.
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
    struct State<P: Paged> {
        params: P,
        page: i64,
        seen: i64,
        buffer: std::vec::IntoIter<P::Item>,
        done: bool,
    }
    let page = params.first_page();
    let state = State {
        params,
        page,
        seen: 0,
        buffer: Vec::new().into_iter(),
        done: false,
    };
    Box::pin(futures_util::stream::unfold(
        state,
        move |mut s| async move {
            loop {
                if let Some(item) = s.buffer.next() {
                    return Some((Ok(item), s));
                }
                if s.done {
                    return None;
                }
                s.params.set_page(s.page);
                match client.execute(&s.params).await {
                    Err(e) => {
                        s.done = true;
                        return Some((Err(e), s));
                    }
                    Ok(response) => {
                        let (total, items) = P::split(response);
                        s.seen += items.len() as i64;
                        s.page += 1;
                        if items.is_empty() || total.is_some_and(|t| s.seen >= t) {
                            s.done = true;
                        }
                        s.buffer = items.into_iter();
                    }
                }
            }
        },
    ))
}
