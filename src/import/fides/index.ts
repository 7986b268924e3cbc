/**
 * Import of Fides (fideslang) resources into a dfft manifest v1: `dfft import fides`.
 */
export {
  createFidesImporter,
  formatManifest,
  DEFAULT_SYSTEM_ID,
  type FidesImporter,
  type FidesImporterOptions,
  type FidesImportOptions,
  type FidesImportResult,
  type ManifestFormat,
} from './importer';
export { FidesMapping, loadFidesMapping, type CategoryResolution } from './mapping';
