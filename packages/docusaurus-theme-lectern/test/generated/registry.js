const registry = {};
export default registry;
