//! How a command fails: its exit status and the message for stderr,
//! shared by the commands in `cli/` and those that live beside their
//! domain (`usage`, `apiusage`), so neither imports the other.

/// Why a command failed: its exit status and what to print on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: u8,
    pub message: String,
}

/// Bad input (status 2).
pub fn bad_input(message: impl std::fmt::Display) -> Failure {
    Failure {
        status: 2,
        message: message.to_string(),
    }
}

/// Any other failure (status 1): no answer, or output that could not be
/// written.
pub fn failed(message: impl Into<String>) -> Failure {
    Failure {
        status: 1,
        message: message.into(),
    }
}
