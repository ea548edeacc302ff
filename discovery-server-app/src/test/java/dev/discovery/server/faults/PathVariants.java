package dev.discovery.server.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Non-canonical spellings of a route: each must be refused, never dispatched.
 */
final class PathVariants {

	static final int COUNT = 13;

	private PathVariants() {
	}

	/**
	 * The variants of a route, such as {@code /discovery/register}.
	 */
	static List<String> of(String route) {
		List<String> variants = new ArrayList<>();
		for (int n = 0; n < COUNT; n++) {
			variants.add(variant(route, n));
		}
		// every single character percent-encoded, one at a time
		for (int i = 1; i < route.length(); i++) {
			char c = route.charAt(i);
			if (c != '/') {
				variants.add(route.substring(0, i) + String.format("%%%02X", (int) c) + route.substring(i + 1));
				variants.add(route.substring(0, i) + String.format("%%%02x", (int) c) + route.substring(i + 1));
			}
		}
		return variants;
	}

	static String variant(String route, int n) {
		int last = route.lastIndexOf('/');
		String parent = route.substring(0, last);
		String leaf = route.substring(last + 1);
		return switch (n) {
			case 0 -> route + ";x=1";
			case 1 -> route + ";";
			case 2 -> parent + ";a=b/" + leaf;
			case 3 -> parent + "/%" + String.format("%02X", (int) leaf.charAt(0)) + leaf.substring(1);
			case 4 -> "/" + route.substring(1).replaceFirst("^.", "%" + String.format("%02x", (int) route.charAt(1)));
			case 5 -> "/" + route;
			case 6 -> parent + "//" + leaf;
			case 7 -> parent + "/./" + leaf;
			case 8 -> parent + "/x/../" + leaf;
			case 9 -> route + "/";
			case 10 -> route.toUpperCase(Locale.ROOT);
			case 11 -> parent + "/" + Character.toUpperCase(leaf.charAt(0)) + leaf.substring(1);
			default -> parent + "\\" + leaf;
		};
	}

}
