"""An email message as JSON, the form in which it waits in the queue."""

from django.core.mail import EmailMultiAlternatives


def to_json(message):
    if message.attachments:
        raise ValueError("Queued email carries no attachments: link to a document instead.")
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def from_json(data, connection):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message
