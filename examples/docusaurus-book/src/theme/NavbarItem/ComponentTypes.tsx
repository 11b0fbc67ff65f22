import ComponentTypes from "@theme-original/NavbarItem/ComponentTypes";
import ReaderNavbarItem from "@site/src/components/ReaderNavbarItem";

/** Registers the `custom-lecternReader` navbar item used in docusaurus.config.ts. */
export default {
  ...ComponentTypes,
  "custom-lecternReader": ReaderNavbarItem,
};
