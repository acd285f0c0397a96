//! A guard in front of the transport's reader.
//!
//! tower-lsp-server's decoder reports a malformed body as a stream error,
//! and the framed reader stops for good after its first error: one bad
//! message would end the server. This task reads the framing itself,
//! checks each body has the shape of a JSON-RPC message, and passes valid
//! ones through untouched. An invalid one is replaced by a private
//! notification that [`super::ordered::Ordered`] answers with a JSON-RPC
//! error (parse error or invalid request), so the client still hears about
//! it and the server keeps running.

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

/// The method of the stand-in notification for a malformed message.
pub const MALFORMED: &str = "$/articleLsp/malformed";

/// A field that is there (whatever its value, `null` included).
#[derive(Default)]
struct Present(bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(d).map(|_| Present(true))
    }
}

#[derive(Deserialize)]
struct Shape {
    #[serde(default)]
    jsonrpc: Option<String>,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    result: Present,
    #[serde(default)]
    error: Present,
}

/// None when `body` is a message the transport can decode; else the
/// stand-in notification to send instead.
pub fn check(body: &[u8]) -> Option<Value> {
    let shape: Shape = match serde_json::from_slice(body) {
        Ok(s) => s,
        Err(e) => {
            let syntax = serde_json::from_slice::<IgnoredAny>(body).is_err();
            return Some(stand_in(
                if syntax { -32700 } else { -32600 },
                format!("malformed message: {e}"),
                Value::Null,
            ));
        }
    };
    let id_ok = match &shape.id {
        None | Some(Value::Null) | Some(Value::String(_)) => true,
        Some(Value::Number(n)) => n.is_i64(),
        _ => false,
    };
    let id = shape.id.clone().filter(|_| id_ok).unwrap_or(Value::Null);
    if shape.jsonrpc.as_deref() != Some("2.0") {
        return Some(stand_in(
            -32600,
            "invalid request: `jsonrpc` must be \"2.0\"".into(),
            id,
        ));
    }
    if !id_ok {
        return Some(stand_in(
            -32600,
            "invalid request: bad `id`".into(),
            Value::Null,
        ));
    }
    match (&shape.method, shape.result.0 || shape.error.0) {
        (Some(_), _) => None,
        (None, true) if shape.id.is_some() => None,
        _ => Some(stand_in(
            -32600,
            "invalid request: neither a request, a notification nor a response".into(),
            id,
        )),
    }
}

fn stand_in(code: i64, message: String, id: Value) -> Value {
    json!({"jsonrpc": "2.0", "method": MALFORMED, "params": {"code": code, "message": message, "id": id}})
}

/// Reads LSP frames from `input`, writes checked frames to the returned stream.
pub fn guard<R: AsyncRead + Unpin + Send + 'static>(input: R) -> DuplexStream {
    let (reader, mut writer) = tokio::io::duplex(1 << 20);
    tokio::spawn(async move {
        let mut input = BufReader::with_capacity(1 << 16, input);
        let mut line = Vec::new();
        loop {
            // Headers up to an empty line.
            let mut len: Option<usize> = None;
            let mut saw_header = false;
            loop {
                line.clear();
                match input.read_until(b'\n', &mut line).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let text = String::from_utf8_lossy(&line);
                let text = text.trim();
                if text.is_empty() {
                    if saw_header {
                        break;
                    }
                    continue;
                }
                saw_header = true;
                if let Some((name, value)) = text.split_once(':') {
                    if name.trim().eq_ignore_ascii_case("content-length") {
                        len = value.trim().parse().ok();
                    }
                }
            }
            let Some(len) = len else {
                tracing::error!("a message without a valid Content-Length header; skipped");
                let stand = stand_in(
                    -32700,
                    "missing or invalid Content-Length".into(),
                    Value::Null,
                );
                if write_frame(&mut writer, &serde_json::to_vec(&stand).unwrap_or_default())
                    .await
                    .is_err()
                {
                    return;
                }
                continue;
            };
            let mut body = vec![0u8; len];
            if input.read_exact(&mut body).await.is_err() {
                return;
            }
            let out = match check(&body) {
                None => body,
                Some(stand) => {
                    tracing::error!(
                        "{}",
                        stand["params"]["message"]
                            .as_str()
                            .unwrap_or("malformed message")
                    );
                    serde_json::to_vec(&stand).unwrap_or_default()
                }
            };
            if write_frame(&mut writer, &out).await.is_err() {
                return;
            }
        }
    });
    reader
}

async fn write_frame(w: &mut DuplexStream, body: &[u8]) -> std::io::Result<()> {
    w.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    w.write_all(body).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_messages_pass() {
        for m in [
            r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"initialized"}"#,
            r#"{"jsonrpc":"2.0","id":"a","result":null}"#,
            r#"{"jsonrpc":"2.0","id":3,"error":{"code":1,"message":"x"}}"#,
        ] {
            assert!(check(m.as_bytes()).is_none(), "{m}");
        }
    }

    #[test]
    fn malformed_messages_become_errors() {
        let bad = check(br#"{"jsonrpc":"#).unwrap();
        assert_eq!(bad["params"]["code"], -32700);
        let bad = check(br#"{"jsonrpc":"1.0","id":4,"method":"x"}"#).unwrap();
        assert_eq!(bad["params"]["code"], -32600);
        assert_eq!(bad["params"]["id"], 4);
        assert!(check(br#"{"jsonrpc":"2.0","id":{"x":1},"method":"x"}"#).is_some());
        assert!(check(br#"[1,2]"#).is_some());
        assert!(check(br#"{"jsonrpc":"2.0"}"#).is_some());
    }
}
