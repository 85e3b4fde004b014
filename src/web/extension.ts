export { activate, deactivate } from '../extension';
