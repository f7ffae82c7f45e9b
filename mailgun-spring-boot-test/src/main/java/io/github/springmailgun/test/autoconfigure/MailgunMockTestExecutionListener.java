package io.github.springmailgun.test.autoconfigure;

import io.github.springmailgun.test.MailgunMockServer;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the context's {@link MailgunMockServer} before each test method, so messages, faults and delays
 * of one test never leak into the next while the context itself is cached and shared.
 */
public class MailgunMockTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			ApplicationContext context = testContext.getApplicationContext();
			context.getBeanProvider(MailgunMockServer.class).ifAvailable(MailgunMockServer::reset);
		}
	}

}
