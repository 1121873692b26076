// The same portal messages as the question form beside it.
export { default } from "../ask/layout";
