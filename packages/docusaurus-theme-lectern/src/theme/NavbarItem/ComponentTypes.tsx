import ComponentTypes from "@theme-init/NavbarItem/ComponentTypes";
import LecternReaderNavbarItem from "@theme/LecternReaderNavbarItem";

/** The navbar item `custom-lecternReader` (added to the navbar by the theme unless `navbarItem: false`). */
const componentTypes = { ...ComponentTypes, "custom-lecternReader": LecternReaderNavbarItem };
export default componentTypes;
