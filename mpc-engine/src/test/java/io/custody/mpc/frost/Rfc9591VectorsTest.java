package io.custody.mpc.frost;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bouncycastle.util.encoders.Hex.decode;
import static org.bouncycastle.util.encoders.Hex.toHexString;

/**
 * RFC 9591 Appendix E.1 (FROST(Ed25519, SHA-512)) and E.5 (FROST(secp256k1, SHA-256)), checked value by value:
 * shares from the dealer polynomial, nonces from the fixed randomness, commitments, binding-factor inputs and
 * factors, signature shares and the final signature.
 */
class Rfc9591VectorsTest {

    record Signer(int id, String share, String hidingRandom, String bindingRandom, String hidingNonce,
                  String bindingNonce, String hidingCommitment, String bindingCommitment, String bindingFactorInput,
                  String bindingFactor, String sigShare) {
    }

    record Vector(Ciphersuite cs, String groupSecret, String groupPublic, String message, String coefficient,
                  List<String> allShares, List<Signer> signers, String signature) {
    }

    static final Vector ED25519 = new Vector(Ed25519Sha512.INSTANCE,
            "7b1c33d3f5291d85de664833beb1ad469f7fb6025a0ec78b3a790c6e13a98304",
            "15d21ccd7ee42959562fc8aa63224c8851fb3ec85a3faf66040d380fb9738673",
            "74657374",
            "178199860edd8c62f5212ee91eff1295d0d670ab4ed4506866bae57e7030b204",
            List.of("929dcc590407aae7d388761cddb0c0db6f5627aea8e217f4a033f2ec83d93509",
                    "a91e66e012e4364ac9aaa405fcafd370402d9859f7b6685c07eed76bf409e80d",
                    "d3cb090a075eb154e82fdb4b3cb507f110040905468bb9c46da8bdea643a9a02"),
            List.of(new Signer(1, "929dcc590407aae7d388761cddb0c0db6f5627aea8e217f4a033f2ec83d93509",
                            "06894e04ee4aceec8619d5f6a0a180e2f47194d2ac306cba586b555e7c48d765",
                            "40d6f879ff22e22409f7d808fed81f37118e7d3e4af71c0f44c60207553bcbce",
                            "ef6599dea4010581a72b3018c37c29a4341d7cab0773e8687ca74dcf14009701",
                            "2baadfa0c69aa60d517ad4751de372a73f9d89cfc39026601f18458cdec12605",
                            "9b116f12589591a7e23fe8048059ab10ab48e67739e7a2fb3890f61a7999478c",
                            "c39b66b7dfccb122da24f13587f9a08c4347cae70046ca15169adf90ba65854d",
                            "15d21ccd7ee42959562fc8aa63224c8851fb3ec85a3faf66040d380fb9738673504df914fa965023fb75c25ded4bb260f417de6d32e5c442c6ba313791cc9a4948d6273e8d3511f93348ea7a708a9b862bc73ba2a79cfdfe07729a193751cbc93df7739fd1223d8697dfc21b1679435bafda1f92815944f28d2faf21ded33ae94a16100090ae7d83555c9b2d961e3d5d1b62828e8cb58a88a73cda404f8f725a0100000000000000000000000000000000000000000000000000000000000000",
                            "ff960a65374e216a0918729b153466016664fa980d409bc3f308daa7acb30d0d",
                            "60997f0142e43e8005027fe5ab7447dac00d22c2d7ddd9571a02613ba7d81c08"),
                    new Signer(3, "d3cb090a075eb154e82fdb4b3cb507f110040905468bb9c46da8bdea643a9a02",
                            "fa5d950626782aade9e33fa781376d4888c2d1de7c37518bc248eb818ed0cdde",
                            "7459a4d14ded0e365b085271be8dc6600d5b88f3978a2174297ffa32001a5afc",
                            "80f8d9a4b8f9366e1a0b618107c907cd3ee29fa9bb40b4691cc1bde696240005",
                            "2610b664a5a187b4855e87d2ff485bebdf043dc2f161fcd4854cd01dc0276404",
                            "e679a2a971748ccfaabead4dbe8ac1def61275c186c79d471e1e45091ad1e687",
                            "b2a942478453fabb6bd3181c56ba657413447b4136e1daea2484d396d1a516b3",
                            "15d21ccd7ee42959562fc8aa63224c8851fb3ec85a3faf66040d380fb9738673504df914fa965023fb75c25ded4bb260f417de6d32e5c442c6ba313791cc9a4948d6273e8d3511f93348ea7a708a9b862bc73ba2a79cfdfe07729a193751cbc93df7739fd1223d8697dfc21b1679435bafda1f92815944f28d2faf21ded33ae94a16100090ae7d83555c9b2d961e3d5d1b62828e8cb58a88a73cda404f8f725a0300000000000000000000000000000000000000000000000000000000000000",
                            "279d48ec56f16d234c09ea62f3d02ab776ee38e03f66b20f939f1316e13df10f",
                            "79390e78bc59699c7af831f8f5fb478ec871a85f561a8641b5670ac4443f720f")),
            "154fb694ee7fcb37bf2381d94488c2a84b03b3352ad085feca81ad26d45852b7ecfe971ce4da95c4a95db93ac376b053897fca212ef85f99cf696bffeb178f07");

    static final Vector SECP256K1 = new Vector(Secp256k1Sha256.INSTANCE,
            "0d004150d27c3bf2a42f312683d35fac7394b1e9e318249c1bfe7f0795a83114",
            "02f37c34b66ced1fb51c34a90bdae006901f10625cc06c4f64663b0eae87d87b4f",
            "74657374",
            "fbf85eadae3058ea14f19148bb72b45e4399c0b16028acaf0395c9b03c823579",
            List.of("08f89ffe80ac94dcb920c26f3f46140bfc7f95b493f8310f5fc1ea2b01f4254c",
                    "04f0feac2edcedc6ce1253b7fab8c86b856a797f44d83d82a385554e6e401984",
                    "00e95d59dd0d46b0e303e500b62b7ccb0e555d49f5b849f5e748c071da8c0dbc"),
            List.of(new Signer(1, "08f89ffe80ac94dcb920c26f3f46140bfc7f95b493f8310f5fc1ea2b01f4254c",
                            "bda8e748e599187762cff956f03dc6ea13fc8e04491a0427b7e6e78600f41c52",
                            "2ca682429bf05df435b9927b8edb1d748278f3e42fa11ef358e49bbf4a1b780d",
                            "09764379667f9a9fa61928947bd925a7f162b21886b750d3b11c226d16b32f58",
                            "b2d3f8cb9da70984354c3fc3511b1f6ed21b7205941cb5553565d2ecade8c694",
                            "0305e62a1d3f57a0b17ade569a3a4043e2a1fc3bd0b102614a8d8cc68e3322ad89",
                            "03b634c2aed7f85b8eec22e97e5f916ab43a3518821480e15da2af7cffcb060a30",
                            "02f37c34b66ced1fb51c34a90bdae006901f10625cc06c4f64663b0eae87d87b4fff9b5210ffbb3c07a73a7c8935be4a8c62cf015f6cf7ade6efac09a6513540fcfac8df6fa81b3f4d9ced4be2474894308232dc0be75dbf81f5a103579a8236310000000000000000000000000000000000000000000000000000000000000001",
                            "9bee5aef4012de4b94c9fc1a9a9572181079e293bf1d7545a5af0ef86f824a91",
                            "ca54b18d7449377cfa680760a5770b9e64e201f7ea36b068effeca5fce2155e5"),
                    new Signer(3, "00e95d59dd0d46b0e303e500b62b7ccb0e555d49f5b849f5e748c071da8c0dbc",
                            "70818dd5170672c4a4285fd593d4f222417f941f3118e1244955e7a1098a35d8",
                            "74ca2da071ed4a2a6cad5087d6758b48a558ab5861c61117fee05757e4b1309e",
                            "0d92e255e5b42ebc2863f8198d946fc10f388c4983073c18cbb77b88e3bf2e34",
                            "1c7243ce00a499b1e7ce3403e7b731d0c820cf108feb8c5ee7c29b4ef43be5e0",
                            "036f878da0dc19ba7da9f2d9e795e2674e62ff06c990fc4464cc1ed55a2acce46b",
                            "025350e2a9e32e7b1fe0161e990623600b2d301b3307641469129cff7936c4d2ce",
                            "02f37c34b66ced1fb51c34a90bdae006901f10625cc06c4f64663b0eae87d87b4fff9b5210ffbb3c07a73a7c8935be4a8c62cf015f6cf7ade6efac09a6513540fcfac8df6fa81b3f4d9ced4be2474894308232dc0be75dbf81f5a103579a8236310000000000000000000000000000000000000000000000000000000000000003",
                            "cfe0db2197c94cc355b6ab05610f27f4a874898009c8bf007f2a4e2ce2c8306d",
                            "da13d054e83052568706a6d161d80f112a6bc3f76aa903c022585ae7e091e65e")),
            "024c1ad4e031872661fa6ebd05dfc7fb30db08b38d79f0edbc82051ae931381bc6a46881e25c7989d3816eae32074f1ab0d49ee908a59713ed5284c6bade7cfb02");

    @Test
    void ed25519_vector_matches_byte_for_byte() {
        byte[] sig = runVector(ED25519);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(decode(ED25519.groupPublic()), 0));
        verifier.update(decode(ED25519.message()), 0, 4);
        assertThat(verifier.verifySignature(sig)).as("BouncyCastle Ed25519 accepts the FROST signature").isTrue();
    }

    @Test
    void secp256k1_vector_matches_byte_for_byte() {
        runVector(SECP256K1);
    }

    private static byte[] runVector(Vector v) {
        Ciphersuite cs = v.cs();
        BigInteger secret = cs.deserializeScalar(decode(v.groupSecret()));
        ECPoint pk = cs.deserializeElement(decode(v.groupPublic()));
        assertThat(toHexString(cs.serializeElement(cs.multiplyBase(secret)))).isEqualTo(v.groupPublic());

        // Dealer polynomial f(x) = secret + a1*x gives the listed participant shares.
        BigInteger a1 = cs.deserializeScalar(decode(v.coefficient()));
        for (int i = 1; i <= v.allShares().size(); i++) {
            BigInteger fi = secret.add(a1.multiply(BigInteger.valueOf(i))).mod(cs.order());
            assertThat(toHexString(cs.serializeScalar(fi))).isEqualTo(v.allShares().get(i - 1));
        }

        byte[] msg = decode(v.message());
        List<SigningNonces> nonces = v.signers().stream().map(s -> FrostSigning.commitWith(cs, s.id(),
                cs.deserializeScalar(decode(s.share())), decode(s.hidingRandom()), decode(s.bindingRandom()))).toList();
        List<SigningCommitment> commitments = nonces.stream().map(SigningNonces::commitment).toList();
        Map<Integer, BigInteger> factors = FrostSigning.computeBindingFactors(cs, pk, commitments, msg);

        Map<Integer, BigInteger> shares = new java.util.TreeMap<>();
        for (int k = 0; k < v.signers().size(); k++) {
            Signer s = v.signers().get(k);
            SigningNonces n = nonces.get(k);
            assertThat(toHexString(cs.serializeScalar(n.hiding().value()))).isEqualTo(s.hidingNonce());
            assertThat(toHexString(cs.serializeScalar(n.binding().value()))).isEqualTo(s.bindingNonce());
            assertThat(toHexString(cs.serializeElement(n.commitment().hiding()))).isEqualTo(s.hidingCommitment());
            assertThat(toHexString(cs.serializeElement(n.commitment().binding()))).isEqualTo(s.bindingCommitment());
            assertThat(toHexString(FrostSigning.bindingFactorInput(cs, pk, commitments, msg, s.id())))
                    .isEqualTo(s.bindingFactorInput());
            assertThat(toHexString(cs.serializeScalar(factors.get(s.id())))).isEqualTo(s.bindingFactor());

            BigInteger share = cs.deserializeScalar(decode(s.share()));
            BigInteger z = FrostSigning.sign(cs, s.id(), share, pk, n, msg, commitments);
            assertThat(toHexString(cs.serializeScalar(z))).isEqualTo(s.sigShare());
            assertThat(FrostSigning.verifySignatureShare(cs, s.id(), cs.multiplyBase(share), z, commitments, pk, msg))
                    .isTrue();
            shares.put(s.id(), z);
        }
        FrostSignature sig = FrostSigning.aggregate(cs, commitments, msg, pk, shares);
        byte[] encoded = cs.serializeSignature(sig);
        assertThat(toHexString(encoded)).isEqualTo(v.signature());
        assertThat(cs.verify(pk, msg, sig)).isTrue();
        return encoded;
    }
}
