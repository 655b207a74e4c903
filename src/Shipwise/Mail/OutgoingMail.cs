namespace Shipwise.Mail;

/// <summary>
/// One message to one recipient. <paramref name="Html"/> makes it multipart/alternative (text first, HTML preferred by clients).
/// <paramref name="MessageId"/> without angle brackets, e.g. "digest-12-345@shipwise.example"; a stable id lets a resend be recognised.
/// </summary>
public sealed record OutgoingMail(
    string To,
    string Subject,
    string Text,
    string? Html,
    IReadOnlyDictionary<string, string>? Headers = null,
    string? MessageId = null);
