package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.ecdsa.zk.AffGProof;
import io.custody.mpc.ecdsa.zk.LogStarProof;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Test codecs for presigning rounds 2 and 3, so an attack can rewrite one field and re-encode the rest intact. An echo
 * is kept as its raw fields: digest and signature of each signer's receipt, in signer order.
 */
final class PresignWire {

    private PresignWire() {
    }

    /** One response of a round-2 broadcast, in the order the message carries them. */
    record Response(int to, BigInteger d, BigInteger f, AffGProof affG, BigInteger dHat, BigInteger fHat,
                    AffGProof affGHat, LogStarProof logStar) {
    }

    record Round2(ECPoint gamma, List<byte[]> echo, List<Response> responses) {

        static Round2 read(byte[] payload, int signers) {
            WireReader in = new WireReader(payload, "presign.r2");
            ECPoint g = in.point();
            List<byte[]> echo = new ArrayList<>();
            for (int i = 0; i < 2 * signers; i++) echo.add(in.bytes());
            List<Response> responses = new ArrayList<>();
            for (int i = 0; i < signers - 1; i++) {
                responses.add(new Response(in.integer(), in.big(), in.big(), AffGProof.read(in), in.big(), in.big(),
                        AffGProof.read(in), LogStarProof.read(in)));
            }
            in.end();
            return new Round2(g, echo, responses);
        }

        byte[] write() {
            WireWriter out = new WireWriter("presign.r2").point(gamma);
            echo.forEach(out::bytes);
            for (Response r : responses) {
                out.integer(r.to()).big(r.d()).big(r.f());
                r.affG().write(out);
                out.big(r.dHat()).big(r.fHat());
                r.affGHat().write(out);
                r.logStar().write(out);
            }
            return out.toBytes();
        }
    }

    record Round3(BigInteger delta, ECPoint bigDelta, ECPoint bigS, List<byte[]> echo, List<LogStarProof> proofs) {

        static Round3 read(byte[] payload, int signers) {
            WireReader in = new WireReader(payload, "presign.r3");
            BigInteger delta = in.big();
            ECPoint bigDelta = in.point();
            ECPoint bigS = in.point();
            List<byte[]> echo = new ArrayList<>();
            for (int i = 0; i < 2 * signers; i++) echo.add(in.bytes());
            List<LogStarProof> proofs = new ArrayList<>();
            for (int i = 0; i < signers - 1; i++) proofs.add(LogStarProof.read(in));
            in.end();
            return new Round3(delta, bigDelta, bigS, echo, proofs);
        }

        byte[] write() {
            WireWriter out = new WireWriter("presign.r3").big(delta).point(bigDelta).point(bigS);
            echo.forEach(out::bytes);
            proofs.forEach(p -> p.write(out));
            return out.toBytes();
        }
    }
}
