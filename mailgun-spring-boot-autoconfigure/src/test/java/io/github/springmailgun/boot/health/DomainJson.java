package io.github.springmailgun.boot.health;

/**
 * Bodies of {@code GET /v4/domains/{name}} as Mailgun writes them.
 */
final class DomainJson {

	private DomainJson() {
	}

	static String of(String name, String state, String spfValidity) {
		return """
				{"domain":{"name":"%s","state":"%s","is_disabled":%s,"created_at":"Thu, 13 Oct 2011 18:02:00 UTC",
				  "spam_action":"disabled","type":"custom","wildcard":false,"web_scheme":"https"},
				 "receiving_dns_records":[{"record_type":"MX","name":"%1$s","value":"mxa.mailgun.org","valid":"valid","priority":"10"}],
				 "sending_dns_records":[
				   {"record_type":"TXT","name":"%1$s","value":"v=spf1 include:mailgun.org ~all","valid":"%s"},
				   {"record_type":"TXT","name":"k1._domainkey.%1$s","value":"k=rsa; p=MIGf","valid":"valid"},
				   {"record_type":"CNAME","name":"email.%1$s","value":"mailgun.org","valid":"unknown"}]}
				""".formatted(name, state, state.equals("disabled"), spfValidity);
	}

}
