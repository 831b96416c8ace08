package io.custody.mpc.ecdsa.paillier;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A persisted stock of safe primes, refilled by one background thread, so key generation and refresh take a Paillier
 * key in milliseconds instead of searching for primes while the other parties wait.
 *
 * <p>Unused primes are secrets: the file holds each one AES-256-GCM encrypted under the node's storage key, with the
 * prime's bit length as associated data. A prime leaves the pool exactly once: {@link #takePaillierKey()} rewrites
 * the file without it (atomic replace) before returning it.
 */
public final class SafePrimePool implements AutoCloseable {

    private final Path file;
    private final byte[] storageKey;
    private final int bits;
    private final int target;
    private final SecureRandom random;
    private final SafePrimeGenerator generator;
    private final Deque<BigInteger> primes = new ArrayDeque<>();
    private final ExecutorService filler;

    /**
     * @param storageKey 32-byte AES key from the node's key management; the pool keeps a copy and wipes it on close
     * @param target     how many primes the background thread keeps in stock
     */
    public SafePrimePool(Path file, byte[] storageKey, int bits, int target, SecureRandom random) {
        if (storageKey.length != 32) throw new IllegalArgumentException("storage key must be 32 bytes");
        this.file = file;
        this.storageKey = storageKey.clone();
        this.bits = bits;
        this.target = target;
        this.random = random;
        this.generator = new SafePrimeGenerator(random);
        this.primes.addAll(load());
        this.filler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "safe-prime-pool");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        filler.submit(this::fill);
    }

    private boolean closed;

    public synchronized int size() {
        return primes.size();
    }

    /** Two distinct pooled safe primes as a Paillier key; generates inline only if the stock is empty. */
    public PaillierSecretKey takePaillierKey() {
        BigInteger p = take();
        BigInteger q = take();
        while (q.equals(p)) q = take();
        filler.submit(this::fill);
        return new PaillierSecretKey(p, q);
    }

    private BigInteger take() {
        synchronized (this) {
            if (closed) throw new IllegalStateException("safe-prime pool is closed");
            if (!primes.isEmpty()) {
                BigInteger p = primes.poll();
                persist();
                return p;
            }
        }
        return generator.next(bits);
    }

    private void fill() {
        while (!Thread.currentThread().isInterrupted()) {
            synchronized (this) {
                if (primes.size() >= target) return;
            }
            BigInteger p;
            try {
                p = generator.next(bits);
            } catch (java.util.concurrent.CancellationException closed) {
                return;
            }
            synchronized (this) {
                // a prime found while the pool closed is dropped: the storage key is already wiped
                if (closed) return;
                primes.add(p);
                persist();
            }
        }
    }

    /**
     * Stocks primes found elsewhere (an offline generation run, test fixtures), after checking each is a safe prime of
     * this pool's size; the pool stores them sealed like its own.
     *
     * @throws IllegalArgumentException giving the position (never the value: pooled primes become Paillier secrets)
     *         of the first value that is not a safe prime of the pool's size
     */
    public void add(java.util.List<BigInteger> found) {
        for (int i = 0; i < found.size(); i++) {
            BigInteger p = found.get(i);
            if (p.bitLength() != bits || !SafePrimeGenerator.isSafePrime(p)) {
                throw new IllegalArgumentException("value " + i + " is not a " + bits + "-bit safe prime");
            }
        }
        synchronized (this) {
            if (closed) throw new IllegalStateException("safe-prime pool is closed");
            primes.addAll(found);
            persist();
        }
    }

    /** Blocks until the stock reaches the target (for start-up and tests). */
    public void awaitFull(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (size() < target) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("pool not full in time");
            Thread.sleep(20);
        }
    }

    private List<BigInteger> load() {
        if (!Files.exists(file)) return List.of();
        try {
            List<BigInteger> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.isBlank()) continue;
                BigInteger p = new BigInteger(1, open(Base64.getDecoder().decode(line.trim())));
                if (p.bitLength() == bits) out.add(p);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void persist() {
        StringBuilder sb = new StringBuilder();
        for (BigInteger p : primes) sb.append(Base64.getEncoder().encodeToString(seal(p.toByteArray()))).append('\n');
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] seal(byte[] plain) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(storageKey), 128, nonce, aad()));
        byte[] out = new byte[12 + gcm.getOutputSize(plain.length)];
        System.arraycopy(nonce, 0, out, 0, 12);
        int n = gcm.processBytes(plain, 0, plain.length, out, 12);
        try {
            gcm.doFinal(out, 12 + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        Arrays.fill(plain, (byte) 0);
        return out;
    }

    private byte[] open(byte[] sealed) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(false, new AEADParameters(new KeyParameter(storageKey), 128, Arrays.copyOf(sealed, 12), aad()));
        byte[] out = new byte[gcm.getOutputSize(sealed.length - 12)];
        int n = gcm.processBytes(sealed, 12, sealed.length - 12, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("safe-prime pool file fails authentication (wrong key or tampered)");
        }
        return out;
    }

    private byte[] aad() {
        return ("safe-prime-pool/v1/" + bits).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        filler.shutdownNow();
        synchronized (this) {
            closed = true;
            Arrays.fill(storageKey, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SafePrimePool[" + file + " bits=" + bits + " stock=" + size() + "/" + target + "]";
    }
}
