//! Answers too large to read, and a page of calls that says more follow but brings nothing new.

use super::*;

/// A server on loopback that answers every request with `size` bytes of blanks, saying so in
/// Content-Length or not.
async fn huge_answers(size: usize, with_length: bool) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let length = if with_length {
                    format!("Content-Length: {size}\r\n")
                } else {
                    "Connection: close\r\n".into()
                };
                let head =
                    format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{length}\r\n");
                if s.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 1 << 20];
                for _ in 0..size.div_ceil(1 << 20) {
                    if s.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn an_answer_larger_than_16_mib_is_not_read() {
    for with_length in [true, false] {
        let base = huge_answers(17 << 20, with_length).await;
        let c = Client::builder(ApiKey::new("any-key").unwrap())
            .base_url(base)
            .retry(RetryPolicy::none())
            .rate_limits(None)
            .build()
            .unwrap();
        let e = c.list_accounts().await.unwrap_err();
        assert!(
            e.to_string().contains("larger than 16 MiB"),
            "{with_length}: {e}"
        );
    }
}

/// A server on loopback that answers its requests, one after another, with these JSON bodies.
async fn answers_in_turn(bodies: Vec<String>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        for body in bodies {
            let Ok((mut s, _)) = listener.accept().await else {
                return;
            };
            // The whole request (a GET: its head), so closing does not reset it unread.
            let mut head = Vec::new();
            let mut buf = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(answer.as_bytes()).await;
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_call_page_with_nothing_new_that_says_more_follow_stops_the_reading_short() {
    let call = |id: &str| {
        format!(
            r#"{{"id":"{id}","start_time":"2026-11-02T10:00:00Z","tracker_id":"TRK1","company_id":"COM1","tracking_phone_number":"+14045550100"}}"#
        )
    };
    let page = |calls: &[&str], more: bool| {
        let list: Vec<String> = calls.iter().map(|c| call(c)).collect();
        format!(
            r#"{{"calls":[{}],"has_next_page":{more},"next_page":"/v3/a/ACC1/calls.json?relative_pagination=true&offset=x"}}"#,
            list.join(",")
        )
    };
    for (second, why) in [
        (page(&["CAL1", "CAL2"], true), "the page before again"),
        (page(&[], true), "an empty page"),
    ] {
        let base = answers_in_turn(vec![page(&["CAL1", "CAL2"], true), second]).await;
        let c = Client::builder(ApiKey::new("any-key").unwrap())
            .base_url(base)
            .retry(RetryPolicy::none())
            .rate_limits(None)
            .build()
            .unwrap();
        let day = time::macros::date!(2026 - 11 - 02);
        let query = callrail::CallQuery {
            company_id: None,
            start_date: day,
            end_date: day,
            time_zone: "UTC".into(),
        };
        let mut pages = c.calls("ACC1", &query).unwrap();
        assert_eq!(pages.next_page().await.unwrap().unwrap().len(), 2);
        let e = pages.next_page().await.unwrap_err().to_string();
        assert!(e.contains(why) && e.contains("stopped short"), "{e}");
    }
}
