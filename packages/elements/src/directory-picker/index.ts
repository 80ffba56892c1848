export {
  DccDirectoryPicker,
  DccDirectoryPickEvent,
  DccDirectoryUnavailableEvent,
  DIRECTORY_DEBOUNCE_MS,
  registerDirectoryPickerStrings,
  type DirectoryOption,
  type DirectorySearch,
} from './dcc-directory-picker.component.js';
export { directorySearchOf, organizationValue, professionalValue, type DirectoryKind } from './client-search.js';
