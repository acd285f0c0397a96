//! Sidecar files that keep the user's decisions next to each article.
