// Verifies tokens with AWS's own Cognito verifier, offline: the key set is handed over (the
// emulator's JWKS) instead of fetched from AWS. Reads {userPoolId, clientId, jwks, tokens: {name: jwt}}
// on stdin and prints, for every token and token use, "accepted" or the verifier's refusal.
import { CognitoJwtVerifier } from "aws-jwt-verify";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

const results = {};
for (const tokenUse of ["access", "id"]) {
  const verifier = CognitoJwtVerifier.create({ userPoolId: input.userPoolId, tokenUse, clientId: input.clientId });
  verifier.cacheJwks(input.jwks);
  for (const [name, token] of Object.entries(input.tokens)) {
    try {
      await verifier.verify(token);
      results[`${name} as ${tokenUse}`] = "accepted";
    } catch (refusal) {
      results[`${name} as ${tokenUse}`] = `refused: ${refusal.name}: ${refusal.message}`;
    }
  }
}
console.log(JSON.stringify(results));
