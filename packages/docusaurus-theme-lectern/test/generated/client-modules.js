const clientModules = [];
export default clientModules;
