import type { Company } from "./company-search";

type Address = NonNullable<Company["address"]>;

/**
 * An address as Brazilians write it on an envelope: "Av. Paulista, 1578 – sala 12", "Bela Vista",
 * "São Paulo – SP", "01310-200"; parts never given leave no empty line or dangling comma.
 */
export function addressLines(address: Address): string[] {
  const streetLine = [address.street, address.number].filter(Boolean).join(", ");
  const withComplement = [streetLine, address.complement].filter(Boolean).join(" – ");
  const cityLine = [address.city, address.state].filter(Boolean).join(" – ");
  return [withComplement, address.district ?? "", cityLine, address.postalCode ?? ""].filter(
    (line) => line !== "",
  );
}
