// The package's prebuilt browser bundle (UMD, React left external) ships no type declarations.
declare module '@asyncapi/react-component/browser/index.js' {
  import type { ComponentType } from 'react';
  import type { AsyncApiProps } from '@asyncapi/react-component';

  const AsyncApiComponent: ComponentType<AsyncApiProps>;
  export default AsyncApiComponent;
}
