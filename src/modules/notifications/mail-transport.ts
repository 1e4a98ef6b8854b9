import nodemailer from 'nodemailer';

// The mail port: hand one message to a mail server and get its acceptance back. The adapter is
// nodemailer over SMTP (SMTP_URL); tests run it against a real SMTP server on 127.0.0.1.

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Our Message-ID, the same on every attempt. */
  messageId: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  /** Resolves with the server's acceptance ("250 OK: queued as ..."); rejects when it was not accepted. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

/** A refusal the server says is final (5xx): trying again will not help. */
export function isPermanentRefusal(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createSmtpTransport(smtpUrl: string, options: { timeoutMs?: number } = {}): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  // A pool keeps one connection open across a batch: a new SMTP session per message (connect,
  // EHLO, ...) made delivery about as slow as the round trips (bench:notifications).
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 1,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
      return { response: String(info.response ?? '') };
    },
    close: () => transporter.close(),
  };
}
