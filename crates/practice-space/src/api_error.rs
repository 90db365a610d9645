//! The error bodies the contract documents: `{"error": …}` for 400/401/404/5xx, the calling API's
//! `{"errors":[{type, code, message, attribute, url}]}` and the relay API's `{"errors":[{detail, …}]}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

/// Where the documented error codes are explained.
const ERROR_CODES_URL: &str = "https://developer.signalwire.com/rest/overview/error-codes/";

/// `{"error": message}` with `status`.
pub(crate) fn simple(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// 404 `{"error":"Not Found"}`.
pub(crate) fn not_found() -> Response {
    simple(StatusCode::NOT_FOUND, "Not Found")
}

/// The codes the calling API answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    MissingRequiredParameter,
    InvalidParameter,
    /// The caller ID is not written as one (E.164, a caller-ID string or a SIP URI).
    NotValidForCallerId,
    /// The `caller_id` is neither owned nor verified.
    NotPurchasedOrVerified,
    /// The `from` number (shown as caller ID) is neither owned nor verified.
    NumberNotVerified,
    /// An owned number without the voice capability.
    NotVoiceCapable,
    InvalidState,
    CannotCancelInProgress,
    CannotUpdateCompleted,
    InvalidCustomVariableName,
    ReservedCustomVariableName,
    TooManyCustomVariables,
    CustomVariableValueTooLong,
    /// The backlog of queued calls is full (`Config::backlog`, 10,000 by default).
    MaxQueuedCallsExceeded,
}

impl Code {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::MissingRequiredParameter => "missing_required_parameter",
            Self::InvalidParameter => "invalid_parameter",
            Self::NotValidForCallerId => "not_valid_for_caller_id",
            Self::NotPurchasedOrVerified => "not_purchased_or_verified",
            Self::NumberNotVerified => "number_not_verified",
            Self::NotVoiceCapable => "not_voice_capable",
            Self::InvalidState => "invalid_state",
            Self::CannotCancelInProgress => "cannot_cancel_in_progress",
            Self::CannotUpdateCompleted => "cannot_update_completed",
            Self::InvalidCustomVariableName => "invalid_custom_variable_name",
            Self::ReservedCustomVariableName => "reserved_custom_variable_name",
            Self::TooManyCustomVariables => "too_many_custom_variables",
            Self::CustomVariableValueTooLong => "custom_variable_value_too_long",
            Self::MaxQueuedCallsExceeded => "max_queued_calls_exceeded",
        }
    }
}

/// One entry of a calling API 422.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub(crate) code: Code,
    pub(crate) attribute: String,
    pub(crate) message: String,
}

impl FieldError {
    pub(crate) fn new(code: Code, attribute: &str, message: impl Into<String>) -> Self {
        Self {
            code,
            attribute: attribute.to_owned(),
            message: message.into(),
        }
    }

    pub(crate) fn missing(attribute: &str) -> Self {
        Self::new(
            Code::MissingRequiredParameter,
            attribute,
            format!("{attribute} is required"),
        )
    }

    pub(crate) fn invalid(attribute: &str, message: impl Into<String>) -> Self {
        Self::new(Code::InvalidParameter, attribute, message)
    }
}

#[derive(Serialize)]
struct CallingErrorBody<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    code: &'static str,
    message: &'a str,
    attribute: &'a str,
    url: String,
}

/// 422 in the calling API shape, one entry per problem.
pub(crate) fn calling_errors(errors: &[FieldError]) -> Response {
    let entries: Vec<CallingErrorBody<'_>> = errors
        .iter()
        .map(|e| CallingErrorBody {
            kind: "validation_error",
            code: e.code.as_str(),
            message: &e.message,
            attribute: &e.attribute,
            url: format!("{ERROR_CODES_URL}#{}", e.code.as_str()),
        })
        .collect();
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({ "errors": entries })),
    )
        .into_response()
}

/// 422 in the relay API shape: `{"errors":[{"detail","status":"422","title","code"}]}`.
pub(crate) fn relay_error(code: &str, title: &str, detail: impl Into<String>) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({
            "errors": [{
                "detail": detail.into(),
                "status": "422",
                "title": title,
                "code": code,
            }]
        })),
    )
        .into_response()
}
