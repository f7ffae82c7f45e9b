package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The shape rules Mailgun applies to a send before accepting it, with Mailgun's status (400) and
 * message texts. Deliberately independent of the client's validation: the client checks first, so these
 * rules only meet requests from other code, and they are tested over raw HTTP.
 *
 * <p>
 * Texts come from Mailgun's API reference and from answers quoted in SDK issues; where Mailgun's text
 * is not known, the message says plainly what is wrong (see {@link MailgunMockServer}).
 */
final class SendRules {

	/** Mailgun's limit for {@code o:}, {@code h:}, {@code v:} and {@code t:} parameters together. */
	static final int MAX_OPTIONS_BYTES = 16 * 1024;

	/** Mailgun's limit of recipients in one request with {@code recipient-variables}. */
	static final int MAX_BATCH_RECIPIENTS = 1000;

	static final String FROM_MISSING = "from parameter is missing";

	static final String TO_MISSING = "to parameter is missing";

	static final String MESSAGE_MISSING = "message parameter is missing";

	static final String NO_BODY = "Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified";

	static final String HTML_AND_TEMPLATE = "Only one parameters 'html' or 'template' is allowed";

	static final String OPTIONS_TOO_LARGE = "Send options (parameters starting with o:, h:, or v:) are limited to 16KB total";

	static final String RECIPIENT_VARIABLES_INVALID = "recipient-variables parameter is not a valid JSON";

	private SendRules() {
	}

	/**
	 * Checks a request to {@code POST /v3/{domain}/messages}.
	 * @throws BadRequestException with Mailgun's message when Mailgun would refuse it
	 */
	static void checkMessage(FormData form) {
		String template = form.firstNonEmpty("template");
		if (form.firstNonEmpty("from") == null && template == null) {
			throw new BadRequestException(FROM_MISSING);
		}
		requireTo(form);
		for (String parameter : new String[] { "from", "to", "cc", "bcc" }) {
			requireAddresses(form, parameter);
		}
		if (form.firstNonEmpty("text") == null && form.firstNonEmpty("html") == null
				&& form.firstNonEmpty("amp-html") == null && template == null) {
			throw new BadRequestException(NO_BODY);
		}
		if (form.firstNonEmpty("html") != null && template != null) {
			throw new BadRequestException(HTML_AND_TEMPLATE);
		}
		checkOptions(form);
	}

	/**
	 * Checks a request to {@code POST /v3/{domain}/messages.mime}.
	 * @throws BadRequestException with Mailgun's message when Mailgun would refuse it
	 */
	static void checkMime(FormData form) {
		requireTo(form);
		if (form.files("message").isEmpty() && form.firstNonEmpty("message") == null) {
			throw new BadRequestException(MESSAGE_MISSING);
		}
		requireAddresses(form, "to");
		checkOptions(form);
	}

	private static void requireTo(FormData form) {
		for (String value : form.all("to")) {
			if (!value.isBlank()) {
				return;
			}
		}
		throw new BadRequestException(TO_MISSING);
	}

	private static void requireAddresses(FormData form, String parameter) {
		for (String value : form.all(parameter)) {
			if (value.isEmpty() && !parameter.equals("to")) {
				// An empty optional field counts as absent, as with Go's FormValue.
				continue;
			}
			if (!Addresses.isValidList(value)) {
				throw new BadRequestException(
						parameter + " parameter is not a valid address. please check documentation");
			}
		}
	}

	private static void checkOptions(FormData form) {
		long size = 0;
		for (Map.Entry<String, List<String>> field : form.fields().entrySet()) {
			String name = field.getKey();
			if (name.startsWith("o:") || name.startsWith("h:") || name.startsWith("v:") || name.startsWith("t:")) {
				for (String value : field.getValue()) {
					size += name.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
				}
			}
		}
		if (size > MAX_OPTIONS_BYTES) {
			throw new BadRequestException(OPTIONS_TOO_LARGE);
		}
		String templateVariables = form.first("t:variables");
		if (templateVariables != null && MockJson.readObject(templateVariables) == null) {
			throw new BadRequestException("Invalid template variables. Template variables must be valid json. got: '"
					+ templateVariables + "'");
		}
		String recipientVariables = form.first("recipient-variables");
		if (recipientVariables != null) {
			Map<String, Object> variables = MockJson.readObject(recipientVariables);
			if (variables == null || !variables.values().stream().allMatch(Map.class::isInstance)) {
				throw new BadRequestException(RECIPIENT_VARIABLES_INVALID);
			}
			int recipients = Addresses.splitAll(form.all("to")).size() + Addresses.splitAll(form.all("cc")).size()
					+ Addresses.splitAll(form.all("bcc")).size();
			int count = Math.max(recipients, variables.size());
			if (count > MAX_BATCH_RECIPIENTS) {
				throw new BadRequestException("Too many recipients: " + count + ". Batch sending with recipient-variables"
						+ " is limited to " + MAX_BATCH_RECIPIENTS + " recipients per request");
			}
		}
	}

}
