const routeschunknames = {};
export default routeschunknames;
