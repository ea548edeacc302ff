package dev.discovery.client.transport;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import dev.discovery.protocol.Instance;

/**
 * The server nodes a client talks to (docs/wire-protocol.md §8.4): the live nodes of the
 * client's zone as published by {@code infra.discovery}, in random order, followed by the
 * configured seeds. The current node changes on failure and periodically.
 */
public class DiscoveryNodes {

	private final List<URI> seeds;

	private final String zone;

	private final Duration rotationInterval;

	private final Clock clock;

	private final Random random;

	private final ReentrantLock lock = new ReentrantLock();

	private Set<URI> live = Set.of();

	private List<URI> candidates;

	private int index;

	private Instant nextRotation;

	private long changes;

	/**
	 * Create the node list.
	 * @param seeds configured nodes as {@code host:port}
	 * @param zone zone of this client; only nodes of this zone are used
	 * @param rotationInterval how often to move to the next node even without failure
	 * @param clock clock for the rotation
	 * @param random source of the shuffling
	 */
	public DiscoveryNodes(Collection<String> seeds, String zone, Duration rotationInterval, Clock clock,
			Random random) {
		if (seeds.isEmpty()) {
			throw new NoDiscoveryNodesException();
		}
		this.seeds = seeds.stream().map(NodeAddress::toUri).distinct().toList();
		this.zone = zone;
		this.rotationInterval = rotationInterval;
		this.clock = clock;
		this.random = random;
		this.candidates = shuffled(this.seeds);
		this.nextRotation = clock.instant().plus(rotationInterval);
	}

	/**
	 * The node to use for the next request.
	 * @return its base URI
	 */
	public URI current() {
		this.lock.lock();
		try {
			Instant now = this.clock.instant();
			if (!now.isBefore(this.nextRotation)) {
				this.nextRotation = now.plus(this.rotationInterval);
				advance();
			}
			return this.candidates.get(this.index);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Record that a node failed; the next request goes to the next node.
	 * @param node the node that failed
	 */
	public void failed(URI node) {
		this.lock.lock();
		try {
			if (this.candidates.get(this.index).equals(node)) {
				advance();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Replace the live nodes with the {@code http://} addresses of the
	 * {@code infra.discovery} instances of this client's zone. Nothing changes when the
	 * zone has no such instance, so the seeds stay in use.
	 * @param selfInstances the UP instances of {@code infra.discovery}
	 * @return whether the node list changed
	 */
	public boolean updateFromRegistry(Collection<Instance> selfInstances) {
		Set<URI> found = new LinkedHashSet<>();
		for (Instance instance : selfInstances) {
			if (this.zone.equals(instance.zone())) {
				for (String addr : instance.addrs()) {
					String authority = NodeAddress.httpAuthority(addr);
					if (authority != null) {
						found.add(NodeAddress.toUri(authority));
					}
				}
			}
		}
		this.lock.lock();
		try {
			if (found.isEmpty() || found.equals(this.live)) {
				return false;
			}
			URI current = this.candidates.get(this.index);
			this.live = Set.copyOf(found);
			List<URI> updated = new ArrayList<>(shuffled(found));
			this.seeds.stream().filter((seed) -> !found.contains(seed)).forEach(updated::add);
			this.candidates = List.copyOf(updated);
			// stay on the current node when it is still listed: its timestamps stay valid
			this.index = Math.max(0, this.candidates.indexOf(current));
			if (!this.candidates.get(this.index).equals(current)) {
				this.changes++;
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Number of nodes that may be tried.
	 * @return the number of candidates
	 */
	public int size() {
		this.lock.lock();
		try {
			return this.candidates.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The nodes in the order they are tried, live nodes first.
	 * @return the candidates
	 */
	public List<URI> candidates() {
		this.lock.lock();
		try {
			return this.candidates;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Position of the current node in {@link #candidates()}, without rotating.
	 * @return the index
	 */
	public int currentIndex() {
		this.lock.lock();
		try {
			return this.index;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How often the current node changed, after a failure, a rotation or a new node list.
	 * @return the number of changes
	 */
	public long changes() {
		this.lock.lock();
		try {
			return this.changes;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The configured seed nodes.
	 * @return the seeds
	 */
	public List<URI> seeds() {
		return this.seeds;
	}

	private void advance() {
		int next = (this.index + 1) % this.candidates.size();
		if (next != this.index) {
			this.changes++;
		}
		this.index = next;
	}

	private List<URI> shuffled(Collection<URI> nodes) {
		List<URI> list = new ArrayList<>(nodes);
		Collections.shuffle(list, this.random);
		return List.copyOf(list);
	}

}
