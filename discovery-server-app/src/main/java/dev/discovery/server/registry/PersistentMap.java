package dev.discovery.server.registry;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * An immutable hash map whose {@link #plus} and {@link #minus} return a new map that
 * shares all but one path with this one (a hash array mapped trie): a change costs
 * O(log32 n) whatever the size, so one instance of a 20,000-instance app is registered as
 * cheaply as one of a 100-instance app. Null keys and values are not allowed. Read-only
 * through the {@link java.util.Map} interface.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class PersistentMap<K, V> extends AbstractMap<K, V> {

	private static final int BITS = 5;

	private static final int MASK = (1 << BITS) - 1;

	private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(null, 0);

	private final @Nullable Node root;

	private final int size;

	private PersistentMap(@Nullable Node root, int size) {
		this.root = root;
		this.size = size;
	}

	@SuppressWarnings("unchecked")
	static <K, V> PersistentMap<K, V> empty() {
		return (PersistentMap<K, V>) EMPTY;
	}

	@Override
	public int size() {
		return this.size;
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable V get(Object key) {
		return (this.root != null) ? (V) this.root.find(key, key.hashCode(), 0) : null;
	}

	@Override
	public boolean containsKey(Object key) {
		return get(key) != null;
	}

	/**
	 * This map with one more or one replaced entry.
	 * @param key the key
	 * @param value the value
	 * @return the new map
	 */
	PersistentMap<K, V> plus(K key, V value) {
		Leaf leaf = new Leaf(key.hashCode(), key, value);
		if (this.root == null) {
			return new PersistentMap<>(leaf, 1);
		}
		boolean[] added = { false };
		Node root = this.root.insert(leaf, 0, added);
		return new PersistentMap<>(root, added[0] ? this.size + 1 : this.size);
	}

	/**
	 * This map without a key.
	 * @param key the key
	 * @return the new map, or this one when the key is absent
	 */
	PersistentMap<K, V> minus(Object key) {
		if (this.root == null) {
			return this;
		}
		Node root = this.root.remove(key, key.hashCode(), 0);
		if (root == this.root) {
			return this;
		}
		return (root != null) ? new PersistentMap<>(root, this.size - 1) : empty();
	}

	@Override
	@SuppressWarnings("unchecked")
	public void forEach(BiConsumer<? super K, ? super V> action) {
		if (this.root != null) {
			this.root.forEach((leaf) -> action.accept((K) leaf.getKey(), (V) leaf.getValue()));
		}
	}

	@Override
	public Set<Entry<K, V>> entrySet() {
		return new AbstractSet<>() {

			@Override
			@SuppressWarnings("unchecked")
			public Iterator<Entry<K, V>> iterator() {
				List<Entry<K, V>> entries = new ArrayList<>(PersistentMap.this.size);
				if (PersistentMap.this.root != null) {
					PersistentMap.this.root.forEach((leaf) -> entries.add((Entry<K, V>) (Entry<?, ?>) leaf));
				}
				return java.util.Collections.unmodifiableList(entries).iterator();
			}

			@Override
			public int size() {
				return PersistentMap.this.size;
			}

		};
	}

	private static int index(int hash, int shift) {
		return (hash >>> shift) & MASK;
	}

	/**
	 * A trie node.
	 */
	private sealed interface Node permits Leaf, Collision, Branch {

		@Nullable Object find(Object key, int hash, int shift);

		Node insert(Leaf leaf, int shift, boolean[] added);

		/** The node without the key, itself when absent, {@code null} when empty. */
		@Nullable Node remove(Object key, int hash, int shift);

		void forEach(java.util.function.Consumer<Leaf> action);

		int hash();

	}

	/**
	 * One entry.
	 */
	private static final class Leaf extends SimpleImmutableEntry<Object, Object> implements Node {

		private final int hash;

		Leaf(int hash, Object key, Object value) {
			super(key, value);
			this.hash = hash;
		}

		@Override
		public int hash() {
			return this.hash;
		}

		@Override
		public @Nullable Object find(Object key, int hash, int shift) {
			return (hash == this.hash && key.equals(getKey())) ? getValue() : null;
		}

		@Override
		public Node insert(Leaf leaf, int shift, boolean[] added) {
			if (leaf.hash == this.hash) {
				if (leaf.getKey().equals(getKey())) {
					return leaf;
				}
				added[0] = true;
				return new Collision(this.hash, new Leaf[] { this, leaf });
			}
			added[0] = true;
			return Branch.of(this, leaf, shift);
		}

		@Override
		public @Nullable Node remove(Object key, int hash, int shift) {
			return (hash == this.hash && key.equals(getKey())) ? null : this;
		}

		@Override
		public void forEach(java.util.function.Consumer<Leaf> action) {
			action.accept(this);
		}

	}

	/**
	 * Entries whose keys have the same hash code.
	 */
	private record Collision(int hash, Leaf[] leaves) implements Node {

		@Override
		public @Nullable Object find(Object key, int hash, int shift) {
			if (hash == this.hash) {
				for (Leaf leaf : this.leaves) {
					if (key.equals(leaf.getKey())) {
						return leaf.getValue();
					}
				}
			}
			return null;
		}

		@Override
		public Node insert(Leaf leaf, int shift, boolean[] added) {
			if (leaf.hash != this.hash) {
				added[0] = true;
				return Branch.of(this, leaf, shift);
			}
			for (int n = 0; n < this.leaves.length; n++) {
				if (leaf.getKey().equals(this.leaves[n].getKey())) {
					Leaf[] copy = this.leaves.clone();
					copy[n] = leaf;
					return new Collision(this.hash, copy);
				}
			}
			added[0] = true;
			Leaf[] copy = Arrays.copyOf(this.leaves, this.leaves.length + 1);
			copy[this.leaves.length] = leaf;
			return new Collision(this.hash, copy);
		}

		@Override
		public @Nullable Node remove(Object key, int hash, int shift) {
			if (hash != this.hash) {
				return this;
			}
			for (int n = 0; n < this.leaves.length; n++) {
				if (key.equals(this.leaves[n].getKey())) {
					if (this.leaves.length == 2) {
						return this.leaves[1 - n];
					}
					Leaf[] copy = new Leaf[this.leaves.length - 1];
					System.arraycopy(this.leaves, 0, copy, 0, n);
					System.arraycopy(this.leaves, n + 1, copy, n, copy.length - n);
					return new Collision(this.hash, copy);
				}
			}
			return this;
		}

		@Override
		public void forEach(java.util.function.Consumer<Leaf> action) {
			for (Leaf leaf : this.leaves) {
				action.accept(leaf);
			}
		}

	}

	/**
	 * Up to 32 children, one per 5-bit slice of the hash at this depth.
	 */
	private record Branch(int bitmap, Node[] children) implements Node {

		/** Two nodes with different hashes under a new branch at {@code shift}. */
		static Branch of(Node a, Node b, int shift) {
			int ia = index(a.hash(), shift);
			int ib = index(b.hash(), shift);
			if (ia == ib) {
				return new Branch(1 << ia, new Node[] { of(a, b, shift + BITS) });
			}
			Node[] children = (ia < ib) ? new Node[] { a, b } : new Node[] { b, a };
			return new Branch((1 << ia) | (1 << ib), children);
		}

		@Override
		public int hash() {
			// Only leaves and collisions are ever merged into a new branch.
			throw new UnsupportedOperationException();
		}

		@Override
		public @Nullable Object find(Object key, int hash, int shift) {
			int bit = 1 << index(hash, shift);
			if ((this.bitmap & bit) == 0) {
				return null;
			}
			return this.children[Integer.bitCount(this.bitmap & (bit - 1))].find(key, hash, shift + BITS);
		}

		@Override
		public Node insert(Leaf leaf, int shift, boolean[] added) {
			int bit = 1 << index(leaf.hash, shift);
			int at = Integer.bitCount(this.bitmap & (bit - 1));
			if ((this.bitmap & bit) == 0) {
				added[0] = true;
				Node[] copy = new Node[this.children.length + 1];
				System.arraycopy(this.children, 0, copy, 0, at);
				copy[at] = leaf;
				System.arraycopy(this.children, at, copy, at + 1, this.children.length - at);
				return new Branch(this.bitmap | bit, copy);
			}
			Node[] copy = this.children.clone();
			copy[at] = this.children[at].insert(leaf, shift + BITS, added);
			return new Branch(this.bitmap, copy);
		}

		@Override
		public @Nullable Node remove(Object key, int hash, int shift) {
			int bit = 1 << index(hash, shift);
			if ((this.bitmap & bit) == 0) {
				return this;
			}
			int at = Integer.bitCount(this.bitmap & (bit - 1));
			Node child = this.children[at];
			Node changed = child.remove(key, hash, shift + BITS);
			if (changed == child) {
				return this;
			}
			if (changed == null) {
				if (this.children.length == 1) {
					return null;
				}
				if (this.children.length == 2 && !(this.children[1 - at] instanceof Branch)) {
					// A lone entry needs no branch: lookups compare the full hash.
					return this.children[1 - at];
				}
				Node[] copy = new Node[this.children.length - 1];
				System.arraycopy(this.children, 0, copy, 0, at);
				System.arraycopy(this.children, at + 1, copy, at, copy.length - at);
				return new Branch(this.bitmap & ~bit, copy);
			}
			if (this.children.length == 1 && !(changed instanceof Branch)) {
				return changed;
			}
			Node[] copy = this.children.clone();
			copy[at] = changed;
			return new Branch(this.bitmap, copy);
		}

		@Override
		public void forEach(java.util.function.Consumer<Leaf> action) {
			for (Node child : this.children) {
				child.forEach(action);
			}
		}

	}

}
