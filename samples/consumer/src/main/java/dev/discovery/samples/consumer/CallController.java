package dev.discovery.samples.consumer;

import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Lets you call the provider from a browser or curl, for example {@code GET /call/feign}.
 */
@RestController
class CallController {

	private final ProviderClient providerClient;

	CallController(ProviderClient providerClient) {
		this.providerClient = providerClient;
	}

	/**
	 * Call the provider with one client style.
	 * @param style {@code rest-template}, {@code rest-client}, {@code web-client},
	 * {@code feign}, {@code service-group} or {@code service-group-lb-url}
	 * @return the provider's answer
	 */
	@GetMapping("/call/{style}")
	Greeting call(@PathVariable String style) {
		Supplier<Greeting> call = this.providerClient.styles().get(style);
		if (call == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"Unknown style '" + style + "', expected one of " + this.providerClient.styles().keySet());
		}
		return call.get();
	}

}
