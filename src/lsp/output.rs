//! The server's stdout, shared by the transport and the publisher.
//!
//! tower-lsp-server turns every outgoing message into a `serde_json::Value`
//! tree before writing it; for a `publishDiagnostics` of tens of thousands
//! of diagnostics that tree costs far more than finding them. So stdout
//! belongs to one writer thread fed by two sources: the transport writes
//! through [`TransportWriter`] (its bytes are reassembled into whole frames,
//! so nothing is ever written inside one of its messages), and
//! [`Output::send`] queues a message already serialized (see
//! [`super::publish`]). Each source keeps its own order.

use std::io::Write;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::time::Duration;

enum Chunk {
    /// Bytes of the transport's stream (whole frames or pieces of them).
    Transport(Vec<u8>),
    /// One whole message body, with a way to hand it back once written.
    Frame(Vec<u8>, tokio::sync::oneshot::Sender<Vec<u8>>),
    /// Flush and stop; answered once everything before it is written.
    Close(mpsc::Sender<()>),
}

/// Where already-serialized messages are sent; cheap to clone.
#[derive(Clone)]
pub struct Output {
    tx: mpsc::Sender<Chunk>,
}

/// The transport's side of stdout.
pub struct TransportWriter {
    tx: mpsc::Sender<Chunk>,
}

/// The process' stdout for the writer thread. On Unix a duplicate of the
/// descriptor behind a plain buffer: `std::io::stdout()` is line-buffered,
/// and looks for the last newline of every multi-megabyte message.
pub fn stdout() -> Box<dyn Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::fs::File::from(fd),
            ));
        }
    }
    Box::new(std::io::stdout())
}

/// Starts the writer thread on `out` (the process' stdout in the server).
pub fn start<W: Write + Send + 'static>(out: W) -> (Output, TransportWriter) {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("article-lsp-out".into())
        .spawn(move || pump(out, rx));
    if let Err(e) = spawned {
        tracing::error!("cannot start the output thread: {e}");
    }
    (Output { tx: tx.clone() }, TransportWriter { tx })
}

impl Output {
    /// Queues one JSON-RPC message (its body, without the header). The
    /// returned receiver gets the buffer back once the message was written
    /// (or could not be), so a publisher can wait for a slow client before
    /// making the next message, and make it in the same buffer.
    pub fn send(&self, body: Vec<u8>) -> tokio::sync::oneshot::Receiver<Vec<u8>> {
        let (done, written) = tokio::sync::oneshot::channel();
        if self.tx.send(Chunk::Frame(body, done)).is_err() {
            tracing::debug!("output closed; message dropped");
        }
        written
    }

    /// Writes everything queued so far and stops the writer; waits at most
    /// `timeout` for it.
    pub fn close(&self, timeout: Duration) {
        let (done, finished) = mpsc::channel();
        if self.tx.send(Chunk::Close(done)).is_ok() {
            let _ = finished.recv_timeout(timeout);
        }
    }
}

fn write_frame(out: &mut impl Write, body: &[u8]) -> std::io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)
}

/// Length of the first whole frame at the start of `buf`, if complete:
/// (header length, body length).
fn whole_frame(buf: &[u8]) -> Option<(usize, usize)> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let headers = std::str::from_utf8(&buf[..end]).ok()?;
    let len = headers
        .split("\r\n")
        .filter_map(|h| h.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())?;
    (buf.len() >= end + 4 + len).then_some((end + 4, len))
}

fn pump<W: Write>(mut out: W, rx: mpsc::Receiver<Chunk>) {
    // Transport bytes not yet forming a whole frame.
    let mut pending: Vec<u8> = Vec::new();
    let mut broken = false;
    let mut acks = Vec::new();
    while let Ok(first) = rx.recv() {
        let mut next = Some(first);
        // Everything already queued goes out before one flush.
        while let Some(chunk) = next.take() {
            match chunk {
                Chunk::Transport(bytes) => {
                    pending.extend_from_slice(&bytes);
                    let mut used = 0;
                    while let Some((head, len)) = whole_frame(&pending[used..]) {
                        used += head + len;
                    }
                    if used > 0 {
                        if !broken && out.write_all(&pending[..used]).is_err() {
                            broken = true;
                        }
                        pending.drain(..used);
                    }
                }
                Chunk::Frame(body, ack) => {
                    if !broken && write_frame(&mut out, &body).is_err() {
                        broken = true;
                    }
                    acks.push((ack, body));
                }
                Chunk::Close(done) => {
                    if !broken && !pending.is_empty() {
                        let _ = out.write_all(&pending);
                    }
                    let _ = out.flush();
                    for (ack, body) in acks.drain(..) {
                        let _ = ack.send(body);
                    }
                    let _ = done.send(());
                    return;
                }
            }
            next = rx.try_recv().ok();
        }
        if !broken && out.flush().is_err() {
            broken = true;
        }
        if broken {
            tracing::debug!("stdout is closed; output dropped");
        }
        for (ack, body) in acks.drain(..) {
            let _ = ack.send(body);
        }
    }
}

impl tokio::io::AsyncWrite for TransportWriter {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.tx.send(Chunk::Transport(buf.to_vec())) {
            Ok(()) => Poll::Ready(Ok(buf.len())),
            Err(_) => Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into())),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        // The writer thread flushes whenever its queue runs empty.
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tokio::io::AsyncWriteExt;

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn frames_never_interleave_with_a_split_transport_message() {
        let sink = Sink::default();
        let (out, mut transport) = start(sink.clone());
        let a = b"Content-Length: 7\r\n\r\n{\"a\":1}";
        // The transport's message arrives in two pieces around a direct frame.
        transport.write_all(&a[..10]).await.unwrap();
        let written = out.send(b"{\"b\":2}".to_vec());
        transport.write_all(&a[10..]).await.unwrap();
        transport.write_all(a).await.unwrap();
        written.await.unwrap();
        out.close(Duration::from_secs(5));
        let got = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert_eq!(
            got,
            "Content-Length: 7\r\n\r\n{\"b\":2}\
             Content-Length: 7\r\n\r\n{\"a\":1}\
             Content-Length: 7\r\n\r\n{\"a\":1}"
        );
    }
}
